-- One row per country, indicator and year: staged values plus the ratios the catalogue derives
-- (rates per 100,000 population, remittances as % of GDP). A suppressed numerator stays suppressed.
WITH base AS (
    SELECT country_iso3, indicator_code, CAST(year AS INTEGER) AS year, value, value_flag,
           upper_bound, CAST(months_covered AS INTEGER) AS months_covered, source_file
    FROM {{ ref('int_values') }}
),
derived AS (
    SELECT n.country_iso3, d.indicator_code, n.year,
           n.value / den.value * d.derived_scale AS value,
           n.value_flag,
           n.upper_bound / den.value * d.derived_scale AS upper_bound,
           n.months_covered,
           'derived: ' || d.derived_numerator || ' / ' || d.derived_denominator AS source_file
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
       u.months_covered, i.objective_id, i.source, i.licence, u.source_file
FROM unioned AS u
LEFT JOIN {{ ref('dim_indicators') }} AS i USING (indicator_code)
ORDER BY u.indicator_code, u.country_iso3, u.year
