-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('undesa-migrant-stock', ['gdidata_undesa_stocks_2024_lac.csv', 'table4_lac.csv']) }}
