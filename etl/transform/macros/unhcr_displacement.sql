{# The reasons sound UNHCR rows that feed no indicator are counted under (SQL literals). #}
{% macro unhcr_outside_return() -%}
'country of return outside the dashboard''s scope'
{%- endmacro %}

{% macro unhcr_outside_both() -%}
'neither country of asylum nor origin in the dashboard''s scope'
{%- endmacro %}
