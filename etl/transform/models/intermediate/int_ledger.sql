-- Every input row, with what became of it: the rows of each raw file's ledger model (ledger_rows,
-- macros/ledger.sql), int_<source>__<table> after the file's table in the source's YAML, or of the
-- one ledger model of a source whose files share their checks (int_<source>__files), whose rows name
-- their file (`_file`). Inlined where it is read (etl_file_stats, quarantine): no node of its own.
{{ config(materialized='ephemeral') }}
{% set ledgers = {
    'border_irregular_flows': ['darien_nat', 'darien_dmg', 'mexico_exp', 'mexico_nat', 'mexico_dmg', 'guatemala',
                               'honduras', 'honduras_nat', 'honduras_dmg', 'usa'],
    'gcm_objectives': ['gcm_objectives', 'gcm_objective_actions'],
    'idmc_internal_displacement': ['gdidata_idmc_flows_lac', 'gdidata_idmc_stocks_lac'],
    'missing_migrants': ['gdidata_iom_mmp_americas', 'kaggle_global_missing_migrants_americas'],
    'natural_earth_boundaries': ['ne_50m_admin_0_countries_americas'],
    'practices_factsheet': ['practice_rows', 'endorsement_rows'],
    'sdg_10_7_2_migration_policies': ['sg_cpa_migrs_lac'],
    'sdg_10_c_1_remittance_costs': ['si_rmt_cost_lac', 'si_rmt_cost_snd_lac', 'si_rmt_cost_bc_lac', 'si_rmt_cost_sc_lac'],
    'sdg_16_9_1_birth_registration': ['sg_reg_brth_lac', 'sg_reg_brth90n_lac'],
    'un_treaty_ratification': ['files'],
    'undesa_migrant_stock': ['gdidata_undesa_stocks_2024_lac', 'table4_lac'],
    'unhcr_displacement': ['gdidata_unhcr_lac'],
    'unodc_glotip': ['glotip_lac', 'glotip_lac_citizens_detected_outside_lac'],
    'untc_treaty_status': ['files'],
    'us_tip_tiers': ['tip_tiers_lac'],
    'world_bank_wdi': ['gdidata_wdi_lac', 'datasets_population_lac'],
} %}
{% for src, tables in ledgers.items() %}{% for table in tables %}
SELECT '{{ src.replace('_', '-') }}' AS source,
       {% if table == 'files' %}_file{% else %}'{{ raw_file_name(src, table) }}'{% endif %} AS source_file,
       _line AS line, _record_key AS record_key, _raw_values AS raw_values, _reason AS reason, _status AS status
FROM {{ ref('int_' ~ src ~ '__' ~ table) }}
UNION ALL
{% endfor %}{% endfor %}
-- The practice submissions store: its rows and the ingest rows it refused (etl/build.py).
SELECT * FROM {{ source('staged', 'submissions_ledger') }}
