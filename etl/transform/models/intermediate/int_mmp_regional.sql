-- The staged mmp_regional of every source.
{{ config(materialized='view') }}
{{ union_staged('mmp_regional', ['int_missing_migrants__mmp_regional']) }}
