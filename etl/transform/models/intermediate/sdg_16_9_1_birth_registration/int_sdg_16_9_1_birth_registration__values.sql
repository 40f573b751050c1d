-- Births registered (% of children under 5) at each survey year only, and the 17.19.2
-- completeness flag per year. Surveys are years apart: no value is interpolated or carried forward.
SELECT country_iso3, 'sdg_birth_registration_u5' AS indicator_code, survey_year AS year, n_value AS value,
       NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered,
       'sg_reg_brth_lac.csv' AS source_file
FROM {{ ref('int_sdg_16_9_1_birth_registration__sg_reg_brth_lac') }}
WHERE _status = 'loaded' AND age_code = 'lt5y'
UNION ALL
SELECT country_iso3, 'sdg_birth_registration_complete90', flag_year, n_value, NULL, NULL, NULL, 'sg_reg_brth90n_lac.csv'
FROM {{ ref('int_sdg_16_9_1_birth_registration__sg_reg_brth90n_lac') }}
WHERE _status = 'loaded'
