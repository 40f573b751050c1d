-- The staged breakdowns of every source.
{{ config(materialized='view') }}
{{ union_staged('breakdowns', ['int_border_irregular_flows__breakdowns']) }}
