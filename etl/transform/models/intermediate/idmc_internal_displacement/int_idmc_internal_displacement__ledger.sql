-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('idmc-internal-displacement', ['gdidata_idmc_flows_lac.csv', 'gdidata_idmc_stocks_lac.csv']) }}
