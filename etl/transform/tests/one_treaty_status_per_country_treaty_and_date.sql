-- fct_treaty_status has one row per country, treaty and as-of date, and one latest status per country and treaty
SELECT country_iso3, treaty_code, status_as_of::VARCHAR AS status_as_of, count(*) AS n
FROM {{ ref('fct_treaty_status') }}
GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT country_iso3, treaty_code, 'latest' AS status_as_of, count(*) FILTER (WHERE is_latest) AS n
FROM {{ ref('fct_treaty_status') }}
GROUP BY ALL HAVING count(*) FILTER (WHERE is_latest) <> 1
