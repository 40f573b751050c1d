-- What became of each row of gcm_objectives.csv (macros/ledger.sql): one row per objective.
{{ ledger_rows(ref('stg_gcm_objectives__gcm_objectives'), source('gcm_objectives', 'gcm_objectives'),
               key=['objective'], conflict_key=['objective_id']) }}
