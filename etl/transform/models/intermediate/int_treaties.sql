-- The staged treaties of every source.
{{ config(materialized='view') }}
{{ union_staged('treaties', []) }}
