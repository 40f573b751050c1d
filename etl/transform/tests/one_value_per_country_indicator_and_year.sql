-- fct_indicator_values has one row per country, indicator and year
SELECT country_iso3, indicator_code, year, count(*) AS n
FROM {{ ref('fct_indicator_values') }}
GROUP BY ALL HAVING count(*) > 1
