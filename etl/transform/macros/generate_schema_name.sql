{# A model's schema is the one it names (`build`), not dbt's default "<target>_<name>". #}
{% macro generate_schema_name(custom_schema_name, node) -%}
{{ custom_schema_name if custom_schema_name else target.schema }}
{%- endmacro %}
