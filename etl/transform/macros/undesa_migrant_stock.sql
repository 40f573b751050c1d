{#
  The female-share block of UN DESA's table 4: its columns "<block title> | <year>", as
  [(column, year)] in file order. The landing (etl/land.py, `year_columns` in the sources YAML)
  has refused a file without any, or with a year before 1950 or after next year.
#}
{% macro desa_share_columns(relation) %}
{%- set found = [] -%}
{%- for c in adapter.get_columns_in_relation(relation) -%}
  {%- set match = modules.re.search('\\|\\s*(\\d{4})\\s*$', c.name) -%}
  {%- if match and 'female migrants as a percentage' in c.name.lower() -%}
    {%- do found.append((c.name, match.group(1) | int)) -%}
  {%- endif -%}
{%- endfor -%}
{{ return(found) }}
{% endmacro %}

{# `condition` (with {i} for the share column's number) for any of `n` share columns; false when none. #}
{% macro desa_any_share(n, condition) -%}
{%- if n == 0 -%}false{%- else -%}
({% for i in range(1, n + 1) %}{{ condition.replace('{i}', i | string) }}{{ ' OR ' if not loop.last }}{% endfor %})
{%- endif -%}
{%- endmacro %}

{# The reason sound bilateral rows that feed no indicator are counted under (a SQL literal). #}
{% macro desa_outside_pair() -%}
'destination outside the dashboard''s scope and origin not a LAC33 country'
{%- endmacro %}

{#
  The reasons a count parsed by parse_number (`<prefix>_value`, `<prefix>_status`) fails, strongest
  first, as WHEN clauses of a reason CASE, for a source that publishes no censored cells (a `<5`
  there would be a corrupted file): the SQL form of etl.sqlrows.count_rules, which UN DESA and
  UNHCR share.
#}
{% macro count_reasons(prefix='n') -%}
WHEN {{ prefix }}_value < 0 THEN 'negative count'
           WHEN {{ prefix }}_status = 'suppressed' THEN 'suppressed value (<5), not expected in this source'
           WHEN {{ prefix }}_status = 'invalid' THEN 'non-numeric value'
           WHEN {{ prefix }}_status = 'missing' THEN 'missing value'
{%- endmacro %}
