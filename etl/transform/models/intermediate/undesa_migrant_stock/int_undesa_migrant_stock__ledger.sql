-- Every row of the source's files with what became of it, and each file's counts.
{{ config(materialized='view') }}
SELECT 'undesa-migrant-stock' AS source, 'gdidata_undesa_stocks_2024_lac.csv' AS source_file, _line AS line,
       _record_key AS record_key, _raw_values AS raw_values, _reason AS reason, _status AS status
FROM {{ ref('int_undesa_migrant_stock__gdidata_undesa_stocks_2024_lac') }}
UNION ALL
SELECT 'undesa-migrant-stock' AS source, 'table4_lac.csv' AS source_file, _line AS line,
       _record_key AS record_key, _raw_values AS raw_values, _reason AS reason, _status AS status
FROM {{ ref('int_undesa_migrant_stock__table4_lac') }}
