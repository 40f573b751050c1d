-- Every raw row the SQL models checked, with what became of it (one ledger per source).
{{ config(materialized='view') }}
{% set sources = ['us_tip_tiers', 'border_irregular_flows'] %}
{% for s in sources %}
SELECT * FROM {{ ref('int_' ~ s ~ '__ledger') }}
{{ 'UNION ALL' if not loop.last }}
{% endfor %}
