-- Every raw row the SQL models checked, with what became of it (one ledger per source).
{{ config(materialized='view') }}
{% set sources = ['undesa_migrant_stock', 'unhcr_displacement', 'us_tip_tiers'] %}
{% for s in sources %}
SELECT * FROM {{ ref('int_' ~ s ~ '__ledger') }}
{{ 'UNION ALL' if not loop.last }}
{% endfor %}
