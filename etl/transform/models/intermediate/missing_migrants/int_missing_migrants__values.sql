-- mmp_dead_missing and mmp_incidents per country of incident, and mmp_dead_missing_nationals per
-- nationality (records naming exactly one), for every scope country and every year the GDI file
-- covers: the MMP is a running record, so a country-year with nothing recorded is a real 0. The
-- file's last year covers the months up to its last record.
WITH loaded AS (
    SELECT year(incident_date) AS year, month(incident_date) AS month,
           CASE WHEN geo_in_scope THEN geo_code END AS country_iso3,
           CASE WHEN nationality_count = 1 THEN nationalities END AS nationality,
           dead_value
    FROM {{ ref('int_missing_migrants__gdidata_iom_mmp_americas') }}
    WHERE _status = 'loaded'
),
scope AS (
    SELECT code FROM {{ source('reference', 'ref_codes') }} WHERE in_scope
),
covered AS (
    SELECT min(year) AS first_year, max(year) AS last_year,
           max(month) FILTER (WHERE year = (SELECT max(year) FROM loaded)) AS last_month
    FROM loaded
),
grid AS (
    SELECT scope.code AS country_iso3, unnest(generate_series(first_year, last_year)) AS year
    FROM scope, covered
    WHERE first_year IS NOT NULL
),
by_place AS (
    SELECT country_iso3, year, sum(dead_value) AS dead_missing, count(*) AS incidents
    FROM loaded WHERE country_iso3 IS NOT NULL GROUP BY ALL
),
by_nationality AS (
    SELECT nationality AS country_iso3, year, sum(dead_value) AS dead_missing
    FROM loaded WHERE nationality IN (SELECT code FROM scope) GROUP BY ALL
),
series AS (
    SELECT grid.country_iso3, grid.year, 'mmp_dead_missing' AS indicator_code, coalesce(p.dead_missing, 0.0) AS value
    FROM grid LEFT JOIN by_place AS p USING (country_iso3, year)
    UNION ALL
    SELECT grid.country_iso3, grid.year, 'mmp_incidents', coalesce(p.incidents, 0)::DOUBLE
    FROM grid LEFT JOIN by_place AS p USING (country_iso3, year)
    UNION ALL
    SELECT grid.country_iso3, grid.year, 'mmp_dead_missing_nationals', coalesce(n.dead_missing, 0.0)
    FROM grid LEFT JOIN by_nationality AS n USING (country_iso3, year)
)
SELECT country_iso3, indicator_code, year::BIGINT AS year, value::DOUBLE AS value,
       NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound,
       CASE WHEN year = last_year THEN last_month ELSE 12 END::BIGINT AS months_covered,
       'gdidata_iom_mmp_americas.csv' AS source_file
FROM series, covered
ORDER BY indicator_code, country_iso3, year
