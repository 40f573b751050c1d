-- Every row of the source's files with what became of it, and each file's counts.
{{ config(materialized='view') }}
SELECT 'unodc-glotip' AS source, 'glotip_lac.csv' AS source_file, _line AS line, _record_key AS record_key,
       _raw_values AS raw_values, _reason AS reason, _status AS status
FROM {{ ref('int_unodc_glotip__glotip_lac') }}
UNION ALL
SELECT 'unodc-glotip', 'glotip_lac_citizens_detected_outside_lac.csv', _line, _record_key, _raw_values, _reason, _status
FROM {{ ref('int_unodc_glotip__glotip_lac_citizens_detected_outside_lac') }}
