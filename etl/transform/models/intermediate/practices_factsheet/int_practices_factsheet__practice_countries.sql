-- Each loaded practice's countries with their role (a country named twice keeps its first role).
SELECT id AS practice_id, pair.country_iso3 AS country_iso3, pair.role AS role
FROM (SELECT id, unnest(country_roles) AS pair FROM {{ ref('int_practices_factsheet__practice_rows') }} WHERE _status = 'loaded')
ORDER BY practice_id, country_iso3, role
