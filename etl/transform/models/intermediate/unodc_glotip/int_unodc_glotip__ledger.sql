-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('unodc-glotip', ['glotip_lac.csv', 'glotip_lac_citizens_detected_outside_lac.csv']) }}
