-- SDG 16.9.1, births registered (% of children of an age group): every raw row with its country
-- resolved from the M49 code, its age group labelled, year and percentage parsed, and the reason it
-- cannot be loaded (strongest first; NULL when sound). Each row is one survey (MICS, DHS) or
-- civil-registration figure for its year: nothing is carried to other years.
WITH raw AS (
    SELECT * FROM {{ source('sdg_16_9_1_birth_registration', 'sg_reg_brth_lac') }}
),
-- the age codes of the UN SDG database this indicator uses; lt5y is the headline (16.9.1)
ages (age_code, age_label, age_order) AS (
    VALUES ('lt5y', '<5 years', 0), ('lt1y', '<1 year', 1), ('m12t23', '12-23 months', 2),
           ('m24t35', '24-35 months', 3), ('m36t47', '36-47 months', 4), ('m48t59', '48-59 months', 5),
           ('lt8y', '<8 years', 6)
),
parsed AS (
    SELECT raw.*, {{ parse_year('raw.year', 1990) }} AS survey_year, {{ parse_number('raw.sg_reg_brth', 'n') }}
    FROM raw
)
SELECT parsed.*,
       m49.iso3 AS country_iso3,
       ages.age_code, ages.age_label, ages.age_order,
       CASE
           {{ sdg_geo_checks('parsed.geo_area') | indent(11) }}
           {{ more_cells_than_header(source('sdg_16_9_1_birth_registration', 'sg_reg_brth_lac'), 'parsed') }}
           WHEN survey_year IS NULL THEN 'impossible or non-numeric year'
           WHEN ages.age_code IS NULL THEN 'unknown age group'
           {{ sdg_percent_checks('parsed.units') | indent(11) }}
           WHEN n_value < 0 OR n_value > 100 THEN 'percentage outside 0-100'
       END AS reason
FROM parsed
LEFT JOIN {{ source('reference', 'ref_m49') }} AS m49 ON m49.m49 = {{ sdg_m49('parsed.geo_area') }}
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = m49.iso3
LEFT JOIN ages ON ages.age_code = lower(trim(parsed.age))
