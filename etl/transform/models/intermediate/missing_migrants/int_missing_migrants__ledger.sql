-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('missing-migrants', ['gdidata_iom_mmp_americas.csv', 'kaggle_global_missing_migrants_americas.csv']) }}
