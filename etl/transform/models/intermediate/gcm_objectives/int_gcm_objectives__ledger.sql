-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('gcm-objectives', ['gcm_objectives.csv', 'gcm_objective_actions.csv']) }}
