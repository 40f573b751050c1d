{#
  The checks both IDMC files share, as WHEN branches of the staging models' reason CASE (strongest
  first): the country (joined from ref_codes as `codes`), the year (`value_year`) and the count
  (parse_number's `n_status`, `n_value`). A blank count is missing, never 0; IDMC's own 0 loads.
#}
{% macro idmc_checks() -%}
-- AB9 is IDMC's own code for the Abyei Area (Sudan / South Sudan), documented in the .Rd: not in LAC
WHEN geo = 'AB9' THEN {{ outside_country() }}
WHEN codes.is_pseudo THEN 'pseudo-code: no country to attribute to'
WHEN NOT coalesce(codes.is_iso3, false) THEN 'unknown country code'
WHEN NOT codes.in_scope THEN {{ outside_country() }}
WHEN value_year IS NULL THEN 'impossible or non-numeric year'
WHEN n_status = 'missing' THEN 'missing value'
WHEN n_status <> 'ok' THEN 'non-numeric value'
WHEN n_value < 0 THEN 'negative value for a count'
WHEN n_value <> floor(n_value) THEN 'fractional value for a count of people or displacements'
{%- endmacro %}
