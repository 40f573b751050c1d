-- Each practice's countries and their role.
SELECT practice_id, country_iso3, role
FROM {{ source('staged', 'stg_practice_countries') }}
ORDER BY practice_id, country_iso3, role
