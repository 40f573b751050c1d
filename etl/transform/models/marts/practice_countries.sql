-- Each practice's countries and their role.
SELECT practice_id, country_iso3, role
FROM (SELECT * FROM {{ ref('int_practices_factsheet__practice_countries') }}
      UNION ALL BY NAME SELECT * FROM {{ ref('stg_submissions__practice_countries') }})
ORDER BY practice_id, country_iso3, role
