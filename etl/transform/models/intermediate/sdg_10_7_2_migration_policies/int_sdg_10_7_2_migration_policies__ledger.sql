-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('sdg-10-7-2-migration-policies', ['sg_cpa_migrs_lac.csv']) }}
