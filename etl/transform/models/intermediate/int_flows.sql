-- The staged flows of every source.
{{ config(materialized='ephemeral') }}  -- inlined where it is read: no node of its own
{{ union_models(['int_border_irregular_flows__flows']) }}
