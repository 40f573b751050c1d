-- The staged flows of every source.
{{ config(materialized='view') }}
{{ union_staged('flows', []) }}
