-- The staged incidents of every source.
{{ config(materialized='view') }}
{{ union_staged('incidents', []) }}
