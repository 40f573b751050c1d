-- Incidents, dead, missing, survivors, females, males and children per year and MMP region of
-- incident, from the Kaggle file's loaded rows. A blank dead (or missing) cell means none (the
-- checks have the total equal the other part); a group whose every cell of a count is blank keeps
-- it unknown rather than 0. A running record: a region with no incident in a covered year is a
-- recorded 0.
{%- set counts = ['dead', 'missing', 'dead_and_missing', 'survivors', 'females', 'males', 'children'] %}
WITH loaded AS (
    SELECT incident_year AS year, "Region of Incident" AS region_of_incident,
           coalesce(dead_value, 0.0) AS dead, coalesce(missing_value, 0.0) AS missing,
           dead_and_missing_value AS dead_and_missing, survivors_value AS survivors,
           females_value AS females, males_value AS males, children_value AS children
    FROM {{ ref('int_missing_migrants__kaggle_global_missing_migrants_americas') }}
    WHERE _status = 'loaded'
),
sums AS (
    SELECT year, region_of_incident, count(*) AS incidents
           {%- for c in counts %}, sum({{ c }}) AS {{ c }}{% endfor %}
    FROM loaded GROUP BY ALL
),
years AS (
    SELECT unnest(generate_series(min(year), max(year))) AS year FROM loaded HAVING count(*) > 0
),
grid AS (
    SELECT years.year, unnest({{ mmp_americas_regions() }}) AS region_of_incident FROM years
)
SELECT grid.year::BIGINT AS year, grid.region_of_incident,
       CASE WHEN sums.year IS NULL THEN 0 ELSE sums.incidents END::BIGINT AS incidents,
       {%- for c in counts %}
       CASE WHEN sums.year IS NULL THEN 0.0 ELSE sums.{{ c }} END::DOUBLE AS {{ c }},
       {%- endfor %}
       'kaggle_global_missing_migrants_americas.csv' AS source_file
FROM grid
LEFT JOIN sums USING (year, region_of_incident)
ORDER BY year, region_of_incident
