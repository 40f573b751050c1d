-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('unhcr-displacement', ['gdidata_unhcr_lac.csv']) }}
