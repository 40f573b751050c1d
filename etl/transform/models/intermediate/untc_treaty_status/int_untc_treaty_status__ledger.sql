-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{%- set files = [] -%}
{%- for t in untc_tables() -%}
  {%- do files.append((t, untc_meta(t).file)) -%}
{%- endfor %}
{{ source_ledger('untc-treaty-status', files) }}
