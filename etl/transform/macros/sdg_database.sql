{#
  The UN SDG database as open-numbers' DDF exports write it (geo_area, nature, units, year, value),
  shared by the SDG 16.9.1 and 10.c.1 sources.
#}

{#
  UN M49 codes of the world and of the regions and subregions of the UNSD geoscheme (M49 region
  codes never collide with country codes). Rows about them are aggregates, not countries: set
  aside as outside, not quarantined.
#}
{% macro sdg_m49_aggregates() -%}
(1, 2, 5, 9, 11, 13, 14, 15, 17, 18, 19, 21, 29, 30, 34, 35, 39, 53, 54, 57, 61, 142, 143, 145, 150, 151,
 154, 155, 202, 419)
{%- endmacro %}

{% macro sdg_aggregate_reason() -%}
'region aggregate (an M49 region such as World or Latin America and the Caribbean), not a country'
{%- endmacro %}

{# A geo_area cell as its whole M49 number, else NULL ("076" and "76" are Brazil; "76.5" is nothing). #}
{% macro sdg_m49(text) -%}
CASE WHEN regexp_full_match(trim({{ text }}), '[0-9]{1,3}') THEN CAST(trim({{ text }}) AS BIGINT) END
{%- endmacro %}

{#
  The checks of a geo_area cell resolved as `m49` (joined from ref_m49) and `codes` (ref_codes on
  its ISO3 code), as WHEN branches (strongest first): a code that is no number, an aggregate, an
  unknown code, a country outside the dashboard.
#}
{% macro sdg_geo_checks(geo) -%}
WHEN {{ sdg_m49(geo) }} IS NULL THEN 'geo_area is not an M49 numeric code'
WHEN {{ sdg_m49(geo) }} IN {{ sdg_m49_aggregates() }} THEN {{ sdg_aggregate_reason() }}
WHEN m49.iso3 IS NULL THEN 'unknown M49 area code'
WHEN NOT coalesce(codes.in_scope, false) THEN {{ outside_country() }}
{%- endmacro %}

{#
  The checks of a percentage (parse_number's `n_status`, `n_value`) and its units cell, as WHEN
  branches. A blank or ".." is a missing value, never 0.
#}
{% macro sdg_percent_checks(units) -%}
WHEN n_status = 'missing' THEN 'missing value'
WHEN n_status <> 'ok' THEN 'non-numeric value'
WHEN lower(trim({{ units }})) <> 'percent' THEN 'unexpected unit (expected percent)'
{%- endmacro %}

{# The checks of a remittance cost (% of USD 200 sent), after sdg_percent_checks. #}
{% macro sdg_cost_checks() -%}
WHEN n_value < 0 THEN 'negative cost (below 0% of the amount sent)'
WHEN n_value > 100 THEN 'cost above 100% of the amount sent'
{%- endmacro %}

{#
  A remittance-cost file with one country per row (geo_area, nature, units, year, <value>): every
  raw row with its country resolved from the M49 code, year and cost parsed, and its reason.
#}
{% macro sdg_remittance_country_rows(raw, value_column) %}
WITH parsed AS (
    SELECT raw.*, {{ parse_year('raw.year', 1990) }} AS cost_year, {{ parse_number('raw.' ~ value_column, 'n') }}
    FROM {{ raw }} AS raw
)
SELECT parsed.*,
       m49.iso3 AS country_iso3,
       CASE
           {{ sdg_geo_checks('parsed.geo_area') | indent(11) }}
           {{ sdg_cost_row_checks(raw) | indent(11) }}
       END AS reason
FROM parsed
LEFT JOIN {{ source('reference', 'ref_m49') }} AS m49 ON m49.m49 = {{ sdg_m49('parsed.geo_area') }}
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = m49.iso3
{% endmacro %}

{#
  A corridor file (counterpart = receiving country, lower-case ISO2; geo_area = sending country,
  M49): every raw row with both sides resolved, year and cost parsed, and its reason. A corridor is
  kept when either side is a country of the dashboard; the other side may be any country.
#}
{% macro sdg_remittance_corridor_rows(raw, value_column) %}
WITH parsed AS (
    SELECT raw.*, {{ parse_year('raw.year', 1990) }} AS cost_year, {{ parse_number('raw.' ~ value_column, 'n') }}
    FROM {{ raw }} AS raw
)
SELECT parsed.*,
       m49.iso3 AS sending_iso3,
       iso2.iso3 AS receiving_iso3,
       coalesce(senders.in_scope, false) AS sender_in_scope,
       coalesce(receivers.in_scope, false) AS receiver_in_scope,
       CASE
           WHEN {{ sdg_m49('parsed.geo_area') }} IS NULL THEN 'sending geo_area is not an M49 numeric code'
           WHEN {{ sdg_m49('parsed.geo_area') }} IN {{ sdg_m49_aggregates() }} THEN {{ sdg_aggregate_reason() }}
           WHEN m49.iso3 IS NULL THEN 'unknown M49 code of the sending country'
           WHEN parsed.counterpart = '' THEN 'missing receiving country'
           WHEN iso2.iso3 IS NULL THEN 'unknown ISO2 code of the receiving country'
           WHEN NOT coalesce(senders.in_scope, false) AND NOT coalesce(receivers.in_scope, false)
               THEN {{ sdg_corridor_outside() }}
           {{ sdg_cost_row_checks(raw) | indent(11) }}
       END AS reason
FROM parsed
LEFT JOIN {{ source('reference', 'ref_m49') }} AS m49 ON m49.m49 = {{ sdg_m49('parsed.geo_area') }}
LEFT JOIN {{ source('reference', 'ref_codes') }} AS senders ON senders.code = m49.iso3
LEFT JOIN {{ source('reference', 'ref_iso2') }} AS iso2 ON iso2.iso2 = upper(trim(parsed.counterpart))
LEFT JOIN {{ source('reference', 'ref_codes') }} AS receivers ON receivers.code = iso2.iso3
{% endmacro %}

{# The reason corridors with no side in the dashboard are set aside under (a SQL literal). #}
{% macro sdg_corridor_outside() -%}
'neither side of the corridor is a country of the dashboard'
{%- endmacro %}

{# The checks every remittance-cost row ends with, after its countries: width, year, unit, cost. #}
{% macro sdg_cost_row_checks(raw) -%}
{{ more_cells_than_header(raw, 'parsed') }}
WHEN cost_year IS NULL THEN 'impossible or non-numeric year'
{{ sdg_percent_checks('parsed.units') }}
{{ sdg_cost_checks() }}
{%- endmacro %}
