-- The staged mmp_regional of every source.
{{ config(materialized='view') }}
{{ union_staged('mmp_regional', []) }}
