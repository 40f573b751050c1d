{# Parsing raw text, the same way for every source. Raw cells arrive as stripped text, never NULL. #}

{# A whole year within [low, high] (high: next year), else NULL: "2011" and "2011.0" are 2011; "20x5", "2010.5" are not. #}
{% macro parse_year(text, low=1900, high=none) -%}
{%- set number = to_double("trim(" ~ text ~ ")") -%}
CASE WHEN {{ number }} = floor({{ number }})
      AND {{ number }} BETWEEN {{ low }} AND {{ high if high is not none else 'year(current_date) + 1' }}
     THEN CAST({{ number }} AS BIGINT) END
{%- endmacro %}

{# A text as a number as pandas' to_numeric reads it, else NULL (DuckDB alone would read "1_000" as 1000). #}
{% macro to_double(text) -%}
TRY_CAST(CASE WHEN contains({{ text }}, '_') THEN NULL ELSE {{ text }} END AS DOUBLE)
{%- endmacro %}

{# The texts that mean "no value" and the censored counts ("<5": fewer than five, never 0 or 5). #}
{% macro missing_markers() -%}
('', '..', '...', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', '-', '—')
{%- endmacro %}

{# `text` IN missing_markers(), NULL for NULL, written as a CASE: DuckDB plans an IN of a dozen texts
   (and list_contains) as a join, 0.2-1 s per use at 4 million rows. #}
{% macro is_missing(text) -%}
CASE {{ text }}{% for m in missing_markers()[1:-1].split(", ") %} WHEN {{ m }} THEN true{% endfor %} WHEN {{ text }} THEN false END
{%- endmacro %}

{% macro suppressed_upper(text) -%}
CASE trim({{ text }}) WHEN '<5' THEN 5.0 WHEN '< 5' THEN 5.0 WHEN '<3' THEN 3.0 WHEN '<10' THEN 10.0 END
{%- endmacro %}

{# The reason most sound rows about countries the dashboard does not cover are counted under (a SQL literal). #}
{% macro outside_country() -%}
'country outside the dashboard''s scope'
{%- endmacro %}

{#
  A number as three columns <prefix>_value, <prefix>_status and <prefix>_upper. Status is ok,
  missing (a marker such as "..", "NA"), suppressed (a censored count such as "<5": the value stays
  NULL and upper holds the bound; never 0 or 5) or invalid (anything else, infinities included).
  "2,386" is a thousands separator; "12,5" (a decimal comma) is ambiguous and invalid.
#}
{% macro parse_number(text, prefix) -%}
{%- set cleaned = "replace(trim(" ~ text ~ "), chr(160), '')" -%}
{%- set number = to_double("CASE WHEN regexp_full_match(" ~ cleaned ~ ", '-?[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?') THEN replace(" ~ cleaned ~ ", ',', '') ELSE " ~ cleaned ~ " END") -%}
{%- set missing = is_missing("trim(" ~ text ~ ")") -%}
{%- set suppressed = suppressed_upper(text) ~ " IS NOT NULL" -%}
{%- set status -%}
CASE WHEN ({{ number }} IS NULL OR isnan({{ number }})) AND NOT ({{ missing }}) AND NOT ({{ suppressed }})
          OR isinf({{ number }}) THEN 'invalid'
     WHEN {{ suppressed }} THEN 'suppressed'
     WHEN {{ missing }} THEN 'missing'
     ELSE 'ok' END
{%- endset -%}
{{ status }} AS {{ prefix }}_status,
CASE WHEN {{ status }} = 'ok' THEN {{ number }} + 0.0 END AS {{ prefix }}_value,
{{ suppressed_upper(text) }} AS {{ prefix }}_upper
{%- endmacro %}
