-- Every row of the source's files with what became of it, and each file's counts.
{{ config(materialized='view') }}
SELECT 'world-bank-wdi' AS source, 'gdidata_wdi_lac.csv' AS source_file, _line AS line, _record_key AS record_key,
       _raw_values AS raw_values, _reason AS reason, _status AS status
FROM {{ ref('int_world_bank_wdi__gdidata_wdi_lac') }}
UNION ALL
SELECT 'world-bank-wdi', 'datasets_population_lac.csv', _line, _record_key, _raw_values, _reason, _status
FROM {{ ref('int_world_bank_wdi__datasets_population_lac') }}
