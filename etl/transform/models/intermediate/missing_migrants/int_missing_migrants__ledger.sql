-- Every row of the source's files with what became of it, and each file's counts.
{{ config(materialized='view') }}
SELECT 'missing-migrants' AS source, 'gdidata_iom_mmp_americas.csv' AS source_file, _line AS line,
       _record_key AS record_key, _raw_values AS raw_values, _reason AS reason, _status AS status
FROM {{ ref('int_missing_migrants__gdidata_iom_mmp_americas') }}
UNION ALL
SELECT 'missing-migrants' AS source, 'kaggle_global_missing_migrants_americas.csv' AS source_file, _line AS line,
       _record_key AS record_key, _raw_values AS raw_values, _reason AS reason, _status AS status
FROM {{ ref('int_missing_migrants__kaggle_global_missing_migrants_americas') }}
