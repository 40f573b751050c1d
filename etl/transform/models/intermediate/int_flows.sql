-- The staged flows of every source.
{{ config(materialized='view') }}
{{ union_models(['int_border_irregular_flows__flows']) }}
