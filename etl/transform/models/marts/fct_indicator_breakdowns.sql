-- Detail facts, loaded as staged and sorted by the keys pages filter on.
SELECT country_iso3, indicator_code, CAST(year AS INTEGER) AS year, dimension, category, sex, age,
       value, value_flag, upper_bound, CAST(months_covered AS INTEGER) AS months_covered, source_file
FROM {{ ref('int_breakdowns') }}
ORDER BY indicator_code, country_iso3, year, dimension, category, sex, age
