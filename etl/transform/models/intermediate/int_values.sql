-- One row per country, indicator and year from every source (the catalogue's derived ratios come in the mart).
{{ config(materialized='view') }}
{{ union_staged('values', ['int_us_tip_tiers__values', 'int_border_irregular_flows__values']) }}
