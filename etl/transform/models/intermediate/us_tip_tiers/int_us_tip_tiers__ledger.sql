-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('us-tip-tiers', ['tip_tiers_lac.csv']) }}
