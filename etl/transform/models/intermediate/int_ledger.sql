-- Every input row, with what became of it (one ledger per source).
{{ config(materialized='view') }}
{% set sources = ['border_irregular_flows', 'gcm_objectives', 'idmc_internal_displacement', 'missing_migrants',
                'natural_earth_boundaries', 'practices_factsheet', 'sdg_10_7_2_migration_policies',
                'sdg_10_c_1_remittance_costs', 'sdg_16_9_1_birth_registration', 'un_treaty_ratification',
                'undesa_migrant_stock', 'unhcr_displacement', 'unodc_glotip', 'untc_treaty_status', 'us_tip_tiers',
                'world_bank_wdi'] %}
{% for s in sources %}
SELECT * FROM {{ ref('int_' ~ s ~ '__ledger') }}
{{ 'UNION ALL' if not loop.last }}
{% endfor %}
-- The practice submissions store: its rows and the ingest rows it refused (etl/build.py).
UNION ALL
SELECT * FROM {{ source('staged', 'submissions_ledger') }}
