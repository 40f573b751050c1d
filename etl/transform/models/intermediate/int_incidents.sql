-- The staged incidents of every source.
{{ config(materialized='ephemeral') }}  -- inlined where it is read: no node of its own
{{ union_models(['int_missing_migrants__incidents']) }}
