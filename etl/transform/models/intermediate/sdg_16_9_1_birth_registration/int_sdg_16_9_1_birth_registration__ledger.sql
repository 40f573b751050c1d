-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('sdg-16-9-1-birth-registration', ['sg_reg_brth_lac.csv', 'sg_reg_brth90n_lac.csv']) }}
