-- SDG 17.19.2, "birth registration data at least 90% complete" (1 = yes, 0 = no): every raw row with
-- its country resolved from the M49 code, year and flag parsed, and the reason it cannot be loaded
-- (strongest first; NULL when sound). The World and LAC rows count countries with a 1: aggregates.
WITH raw AS (
    SELECT * FROM {{ source('sdg_16_9_1_birth_registration', 'sg_reg_brth90n_lac') }}
),
parsed AS (
    SELECT raw.*, {{ parse_year('raw.year', 1990) }} AS flag_year, {{ parse_number('raw.sg_reg_brth90n', 'n') }}
    FROM raw
)
SELECT parsed.*,
       m49.iso3 AS country_iso3,
       CASE
           {{ sdg_geo_checks('parsed.geo_area') | indent(11) }}
           {{ more_cells_than_header(source('sdg_16_9_1_birth_registration', 'sg_reg_brth90n_lac'), 'parsed') }}
           WHEN flag_year IS NULL THEN 'impossible or non-numeric year'
           WHEN n_status = 'missing' THEN 'missing value'
           WHEN n_status <> 'ok' THEN 'non-numeric value'
           WHEN n_value NOT IN (0, 1) THEN 'flag other than 1 (yes) or 0 (no)'
       END AS reason
FROM parsed
LEFT JOIN {{ source('reference', 'ref_m49') }} AS m49 ON m49.m49 = {{ sdg_m49('parsed.geo_area') }}
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = m49.iso3
