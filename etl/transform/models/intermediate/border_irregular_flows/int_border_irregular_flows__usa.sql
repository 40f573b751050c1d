-- What became of each row of gdidata_irreg_usa.csv (macros/ledger.sql). A row's key is every raw
-- column but the count `n` and the fiscal-year date `t_fy`, whichever columns the file has.
{%- set raw = source('border_irregular_flows', 'usa') -%}
{%- set key, quoted = [], [] -%}
{%- for c in adapter.get_columns_in_relation(raw) if not c.name.startswith('_') and c.name not in ('n', 't_fy') -%}
  {%- do key.append(c.name) -%}
  {%- do quoted.append('"' ~ c.name | replace('"', '""') ~ '"') -%}
{%- endfor %}
{{ ledger_rows(ref('stg_border_irregular_flows__usa'), raw, key=key, conflict_key=quoted) }}
