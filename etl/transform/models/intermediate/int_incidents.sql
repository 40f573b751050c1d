-- The staged incidents of every source.
{{ config(materialized='view') }}
{{ union_staged('incidents', ['int_missing_migrants__incidents']) }}
