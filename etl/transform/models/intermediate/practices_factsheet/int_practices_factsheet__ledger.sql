-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('practices-factsheet', [('practice_rows', 'practices.csv'), ('endorsement_rows', 'gcm-endorsement.csv')]) }}
