-- The staged breakdowns of every source.
{{ config(materialized='view') }}
{{ union_staged('breakdowns', ['int_unodc_glotip__breakdowns']) }}
