-- The staged breakdowns of every source.
{{ config(materialized='view') }}
{{ union_staged('breakdowns', []) }}
