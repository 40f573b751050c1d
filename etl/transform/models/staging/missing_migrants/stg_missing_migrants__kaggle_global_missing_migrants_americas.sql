-- Missing Migrants, older Kaggle copy (dead and missing apart; feeds only the regional totals):
-- every raw row with its year, counts and coordinates read, and the reason it cannot be loaded
-- (strongest first: the most basic problem, the year, then the region; NULL when sound).
-- Coordinates are only checked, since regional totals do not use them; blank ones pass.
{%- set counts = {
    'Number of Dead': 'dead',
    'Minimum Estimated Number of Missing': 'missing',
    'Total Number of Dead and Missing': 'dead_and_missing',
    'Number of Survivors': 'survivors',
    'Number of Females': 'females',
    'Number of Males': 'males',
    'Number of Children': 'children',
} %}
WITH raw AS (
    SELECT * FROM {{ source('missing_migrants', 'kaggle_global_missing_migrants_americas') }}
),
parsed AS (
    SELECT raw.*,
           {{ parse_year('raw."Incident year"', 2014) }} AS incident_year,
           {%- for column, name in counts.items() %}
           {{ parse_number('raw."' ~ column ~ '"', name) }},
           {%- endfor %}
           {{ mmp_coordinates('raw."Coordinates"', 'coord') }},
           raw."Coordinates" = '' AS coord_blank
    FROM raw
)
SELECT *,
       CASE
           WHEN incident_year IS NULL THEN 'impossible or non-numeric year'
           WHEN "Region of Incident" = '' THEN 'missing region of incident'
           WHEN NOT list_contains({{ mmp_americas_regions() }}, "Region of Incident") THEN 'region of incident outside the Americas'
           WHEN dead_and_missing_status = 'missing' THEN 'missing total dead and missing'
           {%- for name in counts.values() | reverse %}
           WHEN {{ name }}_value < 0 THEN 'negative count'
           WHEN {{ name }}_value <> floor({{ name }}_value) THEN 'non-integer count'
           WHEN {{ name }}_status IN ('invalid', 'suppressed') THEN 'non-numeric count'
           {%- endfor %}
           WHEN coord_lat IS NULL AND NOT coord_blank THEN 'unparseable coordinates'
           WHEN abs(coord_lat) > 90 OR abs(coord_lon) > 180 THEN 'coordinates out of range'
           WHEN coalesce(dead_value, 0) + coalesce(missing_value, 0) <> dead_and_missing_value
               THEN 'dead + missing differ from the total'
       END AS reason
FROM parsed
