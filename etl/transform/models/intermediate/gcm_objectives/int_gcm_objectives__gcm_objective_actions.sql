-- What became of each row of gcm_objective_actions.csv (macros/ledger.sql): one row per objective
-- and action letter.
{{ ledger_rows(ref('stg_gcm_objectives__gcm_objective_actions'), source('gcm_objectives', 'gcm_objective_actions'),
               key=['objective', 'action'], conflict_key=['objective_id', 'action_letter']) }}
