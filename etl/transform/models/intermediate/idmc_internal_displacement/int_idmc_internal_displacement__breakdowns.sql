-- New displacements by disasters by hazard (flood, storm...), and people displaced at year end by
-- sex and age group, under the indicators of int_idmc_internal_displacement__values.
SELECT country_iso3, 'idmc_new_displacements_disaster' AS indicator_code, value_year AS year,
       'hazard' AS dimension, cause_code AS category, NULL::VARCHAR AS sex, NULL::VARCHAR AS age,
       n_value AS value, NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered,
       'gdidata_idmc_flows_lac.csv' AS source_file
FROM {{ ref('int_idmc_internal_displacement__gdidata_idmc_flows_lac') }}
WHERE _status = 'loaded' AND cause_group = 'disaster'
UNION ALL
SELECT country_iso3, 'idmc_idps_' || cause_group, value_year, 'sex and age', sex_code || ', ' || age_group,
       sex_code, age_group, n_value, NULL, NULL, NULL, 'gdidata_idmc_stocks_lac.csv'
FROM {{ ref('int_idmc_internal_displacement__gdidata_idmc_stocks_lac') }}
WHERE _status = 'loaded'
