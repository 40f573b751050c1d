-- desa_migrant_stock per destination and desa_emigrant_stock per origin, by sex (the 2024 file). A sex
-- DESA left out for a country and year is absent: no zero is made up.
WITH stocks AS (
    SELECT * FROM {{ ref('int_undesa_migrant_stock__gdidata_undesa_stocks_2024_lac') }} WHERE _status = 'loaded'
),
by_sex AS (
    SELECT geo_code AS country_iso3, 'desa_migrant_stock' AS indicator_code, stock_year AS year,
           sex_code AS sex, sum(n_value) AS value
    FROM stocks WHERE geo_in_scope GROUP BY ALL
    UNION ALL
    SELECT from_code AS country_iso3, 'desa_emigrant_stock' AS indicator_code, stock_year AS year,
           sex_code AS sex, sum(n_value) AS value
    FROM stocks WHERE from_lac GROUP BY ALL
)
SELECT country_iso3, indicator_code, year, 'sex' AS dimension, sex AS category, sex, NULL::VARCHAR AS age,
       value, NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered,
       'gdidata_undesa_stocks_2024_lac.csv' AS source_file
FROM by_sex
