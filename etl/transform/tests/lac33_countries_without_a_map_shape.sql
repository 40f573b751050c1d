-- LAC33 countries without a map shape
-- A warning: worth saying in the summary, not a reason to keep an older warehouse.
{{ config(severity='warn') }}
SELECT * FROM {{ ref('dim_countries') }} AS c
WHERE c.in_lac33 AND NOT EXISTS (SELECT 1 FROM {{ ref('geo_shapes') }} AS s WHERE s.country_iso3 = c.country_iso3)
