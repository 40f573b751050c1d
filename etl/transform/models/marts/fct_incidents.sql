-- Missing Migrants incidents with coordinates.
SELECT incident_id, CAST(incident_date AS DATE) AS incident_date, CAST(year AS INTEGER) AS year,
       CAST(month AS INTEGER) AS month, incident_type, country_iso3, route, cause,
       dead_and_missing, survivors, nationalities, location, latitude, longitude,
       source_file, CAST(source_line AS INTEGER) AS source_line
FROM {{ ref('int_incidents') }}
ORDER BY incident_date, incident_id
