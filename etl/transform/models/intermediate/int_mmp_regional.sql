-- The staged mmp_regional of every source.
{{ config(materialized='view') }}
{{ union_models(['int_missing_migrants__mmp_regional']) }}
