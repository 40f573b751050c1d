-- Every row of the source's file with what became of it, and the file's counts.
{{ config(materialized='view') }}
SELECT 'unhcr-displacement' AS source, 'gdidata_unhcr_lac.csv' AS source_file, _line AS line,
       _record_key AS record_key, _raw_values AS raw_values, _reason AS reason, _status AS status
FROM {{ ref('int_unhcr_displacement__gdidata_unhcr_lac') }}
