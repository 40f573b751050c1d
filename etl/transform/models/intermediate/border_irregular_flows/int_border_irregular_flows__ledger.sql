-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{%- set files = [] -%}
{%- for f in ['darien_nat', 'darien_dmg', 'mexico_exp', 'mexico_nat', 'mexico_dmg', 'guatemala', 'honduras',
              'honduras_nat', 'honduras_dmg', 'usa'] -%}
  {%- do files.append((f, 'gdidata_irreg_' ~ f ~ '.csv')) -%}
{%- endfor %}
{{ source_ledger('border-irregular-flows', files) }}
