{#
  A WHEN branch quarantining a row with more non-empty cells than its header (land.py keeps them
  in `_extra`, a column that exists only when some row has them): an unquoted decimal comma such
  as 5,1 would otherwise load as 5. Empty when no row of `relation` has extra cells.
#}
{% macro more_cells_than_header(relation, alias) -%}
{%- set names = [] -%}
{%- for c in adapter.get_columns_in_relation(relation) -%}{%- do names.append(c.name) -%}{%- endfor -%}
{%- if '_extra' in names -%}
WHEN {{ alias }}._extra <> '' THEN 'more cells than the header (an unquoted comma?)'
{%- endif -%}
{%- endmacro %}
