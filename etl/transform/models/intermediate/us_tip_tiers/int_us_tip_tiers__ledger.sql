-- Every row of the source's files with what became of it, and each file's counts.
{{ config(materialized='view') }}
SELECT 'us-tip-tiers' AS source, 'tip_tiers_lac.csv' AS source_file, _line AS line, _record_key AS record_key,
       _raw_values AS raw_values, _reason AS reason, _status AS status
FROM {{ ref('int_us_tip_tiers__tip_tiers_lac') }}
