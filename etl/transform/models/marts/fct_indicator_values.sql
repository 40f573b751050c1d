-- One row per country, indicator and year: staged values plus the ratios the catalogue derives
-- (rates per 100,000 population, remittances as % of GDP). A suppressed numerator stays suppressed.
-- A value derived from a treaty status carries the status's as-of date (status_as_of, NULL for
-- every other figure): a 2014 status is never read as today's.
WITH staged AS (
    SELECT country_iso3, indicator_code, CAST(year AS INTEGER) AS year, value, value_flag,
           upper_bound, CAST(months_covered AS INTEGER) AS months_covered, source_file,
           CAST(status_as_of AS DATE) AS status_as_of
    FROM {{ ref('int_values') }}
),
base AS (
    SELECT * FROM staged WHERE status_as_of IS NULL
    UNION ALL
    -- Two statuses of one treaty from different sources (the ICMW as of August 2022 and May
    -- 2023) give the same country and year: the newer status's value is kept.
    SELECT * FROM (
        SELECT * FROM staged WHERE status_as_of IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY country_iso3, indicator_code, year ORDER BY status_as_of DESC) = 1
    )
),
derived AS (
    SELECT n.country_iso3, d.indicator_code, n.year,
           n.value / den.value * d.derived_scale AS value,
           n.value_flag,
           n.upper_bound / den.value * d.derived_scale AS upper_bound,
           n.months_covered,
           'derived: ' || d.derived_numerator || ' / ' || d.derived_denominator AS source_file,
           NULL::DATE AS status_as_of
    FROM {{ ref('dim_indicators') }} AS d
    JOIN base AS n ON n.indicator_code = d.derived_numerator
    JOIN base AS den
      ON den.indicator_code = d.derived_denominator
     AND den.country_iso3 = n.country_iso3
     AND den.year = n.year
    WHERE d.derived_numerator IS NOT NULL AND den.value > 0
),
unioned AS (
    SELECT * FROM base
    UNION ALL
    SELECT * FROM derived
)
SELECT u.country_iso3, u.indicator_code, u.year, u.value, u.value_flag, u.upper_bound,
       u.months_covered, i.objective_id, i.source, i.licence, u.source_file, u.status_as_of
FROM unioned AS u
LEFT JOIN {{ ref('dim_indicators') }} AS i USING (indicator_code)
ORDER BY u.indicator_code, u.country_iso3, u.year
