-- The staged breakdowns of every source.
{{ config(materialized='view') }}
{{ union_models(['int_border_irregular_flows__breakdowns', 'int_undesa_migrant_stock__breakdowns',
                              'int_unodc_glotip__breakdowns']) }}
