-- Missing Migrants' own regional totals: dead and missing by year and region of incident.
SELECT CAST(year AS INTEGER) AS year, region_of_incident, CAST(incidents AS INTEGER) AS incidents,
       dead, missing, dead_and_missing, survivors, females, males, children, source_file
FROM {{ ref('int_mmp_regional') }}
ORDER BY year, region_of_incident
