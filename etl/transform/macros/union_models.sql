{# The rows of each model in `models`, matched by column name (one staged table from every source). #}
{% macro union_models(models) %}
{% for m in models %}
SELECT * FROM {{ ref(m) }}
{{ 'UNION ALL BY NAME' if not loop.last }}
{% endfor %}
{% endmacro %}
