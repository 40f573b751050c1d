-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{%- set files = [] -%}
{%- for t in un_treaties() -%}
  {%- do files.append('hr_status_' ~ t ~ '_lac.csv') -%}
{%- endfor %}
{{ source_ledger('un-treaty-ratification', files) }}
