-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('sdg-10-c-1-remittance-costs', ['si_rmt_cost_lac.csv', 'si_rmt_cost_snd_lac.csv',
                                                 'si_rmt_cost_bc_lac.csv', 'si_rmt_cost_sc_lac.csv']) }}
