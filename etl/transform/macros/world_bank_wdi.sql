{#
  The checks both World Bank files share, as WHEN branches of the staging models' reason CASE
  (strongest first), before each file's own: the country (joined from ref_codes as `codes`, ISO3
  codes only), the year (`value_year`) and the value (parse_number's `n_status`).
#}
{% macro world_bank_wdi_checks() -%}
-- regions and income groups (LCN, WLD...) carry World Bank codes that are not ISO countries
WHEN codes.is_iso3 IS NULL THEN 'region aggregate or unknown country code'
WHEN NOT codes.in_scope THEN {{ outside_country() }}
WHEN value_year IS NULL THEN 'impossible or non-numeric year'
-- the World Bank publishes no censored cells: `<5` would be a corrupted file
WHEN n_status = 'suppressed' THEN 'suppressed value (<5), not expected in this source'
WHEN n_status = 'invalid' THEN 'non-numeric value'
WHEN n_status = 'missing' THEN 'missing value'
{%- endmacro %}

{# Each row of `raw` with its year (`value_year`, from 1950 on) and value (parse_number's n_value, n_status, n_upper). #}
{% macro world_bank_wdi_parsed(year, value) -%}
SELECT raw.*, {{ parse_year(year, 1950) }} AS value_year, {{ parse_number(value, 'n') }} FROM raw
{%- endmacro %}
