-- The staged incidents of every source.
{{ config(materialized='view') }}
{{ union_models(['int_missing_migrants__incidents']) }}
