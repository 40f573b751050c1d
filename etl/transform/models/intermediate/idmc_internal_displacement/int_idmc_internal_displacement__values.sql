-- New displacements by conflict and by disasters (the hazards summed) per country and year, and
-- people displaced at year end by conflict and by disasters (sex and age groups summed). A sum
-- with a quarantined part (a blank or bad count of the same country, year and cause) is only a
-- floor: value_flag lower_bound. A country-year IDMC has no row for has no value, not 0.
WITH flows AS (
    SELECT * FROM {{ ref('int_idmc_internal_displacement__gdidata_idmc_flows_lac') }}
),
stocks AS (
    SELECT * FROM {{ ref('int_idmc_internal_displacement__gdidata_idmc_stocks_lac') }}
),
parts AS (
    SELECT country_iso3, 'idmc_new_displacements_' || cause_group AS indicator_code, value_year AS year,
           _status, n_value, 'gdidata_idmc_flows_lac.csv' AS source_file
    FROM flows
    WHERE _status IN ('loaded', 'quarantined') AND cause_group IS NOT NULL AND value_year IS NOT NULL
    UNION ALL
    SELECT country_iso3, 'idmc_idps_' || cause_group, value_year, _status, n_value, 'gdidata_idmc_stocks_lac.csv'
    FROM stocks
    WHERE _status IN ('loaded', 'quarantined') AND cause_group IN ('conflict', 'disaster') AND value_year IS NOT NULL
)
SELECT country_iso3, indicator_code, year,
       sum(n_value) FILTER (WHERE _status = 'loaded') AS value,
       CASE WHEN count(*) FILTER (WHERE _status = 'quarantined') > 0 THEN 'lower_bound' END AS value_flag,
       NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered, source_file
FROM parts
-- quarantined rows about a country outside the dashboard (or an unknown code) are not parts
WHERE country_iso3 IN (SELECT code FROM {{ source('reference', 'ref_codes') }} WHERE in_scope)
GROUP BY country_iso3, indicator_code, year, source_file
HAVING count(*) FILTER (WHERE _status = 'loaded') > 0
