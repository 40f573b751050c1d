-- GLOTIP sub-rows: every loaded row of glotip_lac.csv but the overall figures (by sex, age, form of
-- exploitation, citizenship or repatriation), and every loaded row of the nationals-abroad file by
-- the country that reported it. Victims there form the nationals-abroad series; other measures
-- (persons convicted by citizenship) keep their own indicator code.
SELECT "Iso3_code" AS country_iso3, indicator_code, "Dimension" AS dimension, "Category" AS category,
       "Sex" AS sex, "Age" AS age, {{ unodc_glotip_figure() }}, 'glotip_lac.csv' AS source_file
FROM {{ ref('int_unodc_glotip__glotip_lac') }}
WHERE _status = 'loaded' AND NOT is_total
UNION ALL
SELECT citizenship_iso3, CASE WHEN indicator_code = 'glotip_victims' THEN 'glotip_nationals_abroad' ELSE indicator_code END,
       "Dimension" || ', by reporting country', "Iso3_code", "Sex", "Age", {{ unodc_glotip_figure() }},
       'glotip_lac_citizens_detected_outside_lac.csv'
FROM {{ ref('int_unodc_glotip__glotip_lac_citizens_detected_outside_lac') }}
WHERE _status = 'loaded'
