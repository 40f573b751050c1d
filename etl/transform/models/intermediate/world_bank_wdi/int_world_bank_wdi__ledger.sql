-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('world-bank-wdi', ['gdidata_wdi_lac.csv', 'datasets_population_lac.csv']) }}
