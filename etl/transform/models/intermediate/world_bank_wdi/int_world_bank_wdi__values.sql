-- One value per country, indicator and year from both files: gdidata's series under the codes
-- its `var` maps to, and World Bank SP.POP.TOTL as wdi_population.
SELECT country_iso3, indicator_code, value_year AS year, n_value AS value,
       NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered,
       'gdidata_wdi_lac.csv' AS source_file
FROM {{ ref('int_world_bank_wdi__gdidata_wdi_lac') }}
WHERE _status = 'loaded'
UNION ALL
SELECT country_iso3, 'wdi_population', value_year, n_value, NULL, NULL, NULL, 'datasets_population_lac.csv'
FROM {{ ref('int_world_bank_wdi__datasets_population_lac') }}
WHERE _status = 'loaded'
