-- The countries of each published submission and their role.
SELECT record->>'practice_id' AS practice_id, record->>'country_iso3' AS country_iso3, record->>'role' AS role
FROM {{ source('staged', 'submitted') }}
WHERE kind = 'practice_countries'
