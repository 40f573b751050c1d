-- Births registered by age group (under 1, 12-23 months ... 48-59 months; under 8 for Chile 2011),
-- under the under-5 indicator at the same survey year. Some countries have an age group and no
-- under-5 figure (Costa Rica, Venezuela, Canada and the USA: under 1 only).
SELECT country_iso3, 'sdg_birth_registration_u5' AS indicator_code, survey_year AS year,
       'age' AS dimension, age_label AS category, NULL::VARCHAR AS sex, age_label AS age,
       n_value AS value, NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered,
       'sg_reg_brth_lac.csv' AS source_file
FROM {{ ref('int_sdg_16_9_1_birth_registration__sg_reg_brth_lac') }}
WHERE _status = 'loaded' AND age_code <> 'lt5y'
