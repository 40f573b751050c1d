-- One row per country, indicator and year from every source (the catalogue's derived ratios come in the mart).
{{ config(materialized='ephemeral') }}  -- inlined where it is read: no node of its own
{{ union_models(['int_border_irregular_flows__values', 'int_idmc_internal_displacement__values',
                          'int_missing_migrants__values', 'int_practices_factsheet__values', 'int_sdg_10_7_2_migration_policies__values',
                          'int_sdg_10_c_1_remittance_costs__values', 'int_sdg_16_9_1_birth_registration__values',
                          'int_un_treaty_ratification__values', 'int_undesa_migrant_stock__values',
                          'int_unhcr_displacement__values', 'int_unodc_glotip__values', 'int_untc_treaty_status__values',
                          'int_us_tip_tiers__values', 'int_world_bank_wdi__values']) }}
