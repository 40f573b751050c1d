{#
  UNODC GLOTIP: what both of its files share. Each figure is a count (persons, or offences) for
  one reporting country, measure, disaggregation and year; `txtVALUE` is text and `<5` a
  suppressed (censored) count that stays NULL with its upper bound 5.
#}

{# One GLOTIP figure: reporting country, measure, disaggregation and year (raw columns). #}
{% macro unodc_glotip_key() -%}
{{ return(['Iso3_code', 'Indicator', 'Dimension', 'Category', 'Sex', 'Age', 'Year']) }}
{%- endmacro %}

{# The reason a sound row of the second file about a citizenship the dashboard does not cover is counted under. #}
{% macro unodc_glotip_outside_citizenship() -%}
'citizenship country outside the dashboard''s scope'
{%- endmacro %}

{#
  The raw rows of one file with what both files look up: indicator_code (NULL for a measure
  GLOTIP has no indicator for), figure_year (the Palermo Protocol dates from 2000 and GLOTIP
  series start in 2003: earlier is a typo), the count as n_status, n_value and n_upper, and
  unit_ok when the file has a `Unit of measurement` column (every GLOTIP figure is a count).
#}
{% macro unodc_glotip_parsed(raw) -%}
{%- set names = adapter.get_columns_in_relation(raw) | map(attribute='name') | list -%}
SELECT raw.*,
       indicators.indicator_code,
       {{ parse_year('raw."Year"', 2000) }} AS figure_year,
       {{ parse_number('raw."txtVALUE"', 'n') }},
       {% if 'Unit of measurement' in names %}raw."Unit of measurement" IN ('Counts', ''){% else %}true{% endif %} AS unit_ok
FROM {{ raw }} AS raw
LEFT JOIN (VALUES ('Detected trafficking victims', 'glotip_victims'),
                  ('Persons prosecuted', 'glotip_prosecuted'),
                  ('Persons convicted', 'glotip_convicted'),
                  ('Persons brought into formal contact', 'glotip_formal_contact'),
                  ('Offences of trafficking in persons', 'glotip_offences')) AS indicators (label, indicator_code)
       ON indicators.label = raw."Indicator"
{%- endmacro %}

{# The checks of the figure both files share (CASE branches over unodc_glotip_parsed's columns), strongest first. #}
{% macro unodc_glotip_figure_reasons() -%}
WHEN indicator_code IS NULL THEN 'unknown indicator'
           WHEN figure_year IS NULL THEN 'impossible or non-numeric year'
           WHEN n_status = 'invalid' THEN 'non-numeric value'
           WHEN n_status = 'missing' THEN 'missing value'
           WHEN n_status = 'ok' AND n_value < 0 THEN 'negative count'
           WHEN NOT unit_ok THEN 'unit of measurement is not Counts'
{%- endmacro %}

{# A loaded row's figure: a suppressed count (`<5`) stays NULL with its upper bound. #}
{% macro unodc_glotip_figure() -%}
figure_year AS year, n_value AS value,
       CASE WHEN n_status = 'suppressed' THEN 'suppressed' END AS value_flag,
       CASE WHEN n_status = 'suppressed' THEN n_upper END AS upper_bound,
       NULL::BIGINT AS months_covered
{%- endmacro %}
