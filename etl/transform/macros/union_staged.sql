{#
  One staged table (values, breakdowns, flows...): the Python adapters' rows (source `staged`,
  table stg_<name>) and the rows of each SQL model in `models`, matched by column name.
#}
{% macro union_staged(name, models) %}
SELECT * FROM {{ source('staged', 'stg_' ~ name) }}
{% for m in models %}
UNION ALL BY NAME
SELECT * FROM {{ ref(m) }}
{% endfor %}
{% endmacro %}
