-- The staged breakdowns of every source.
{{ config(materialized='ephemeral') }}  -- inlined where it is read: no node of its own
{{ union_models(['int_border_irregular_flows__breakdowns', 'int_idmc_internal_displacement__breakdowns',
                              'int_sdg_10_c_1_remittance_costs__breakdowns', 'int_sdg_16_9_1_birth_registration__breakdowns',
                              'int_undesa_migrant_stock__breakdowns',
                              'int_unodc_glotip__breakdowns']) }}
