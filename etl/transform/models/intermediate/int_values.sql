-- One row per country, indicator and year from every source (the catalogue's derived ratios come in the mart).
{{ config(materialized='view') }}
{{ union_staged('values', ['int_missing_migrants__values', 'int_us_tip_tiers__values']) }}
