-- Every raw row the SQL models checked, with what became of it (one ledger per source).
{{ config(materialized='view') }}
{% set sources = ['missing_migrants', 'us_tip_tiers'] %}
{% for s in sources %}
SELECT * FROM {{ ref('int_' ~ s ~ '__ledger') }}
{{ 'UNION ALL' if not loop.last }}
{% endfor %}
