-- IDMC people internally displaced at year end, by cause, sex and age: every raw row with year and
-- count parsed, and the reason it cannot be loaded (strongest first; NULL when sound). IDMC's
-- download also has "unknown" sex and age (the Abyei Area row of the full table): kept as written.
WITH raw AS (
    SELECT * FROM {{ source('idmc_internal_displacement', 'gdidata_idmc_stocks_lac') }}
),
parsed AS (
    SELECT raw.*, {{ parse_year('raw.t', 1990) }} AS value_year, {{ parse_number('raw.n', 'n') }},
           lower(trim(raw.cause)) AS cause_group, lower(trim(raw.sex)) AS sex_code, trim(raw.age) AS age_group
    FROM raw
)
SELECT parsed.*,
       parsed.geo AS country_iso3,
       CASE
           {{ idmc_checks() | indent(11) }}
           {{ more_cells_than_header(source('idmc_internal_displacement', 'gdidata_idmc_stocks_lac'), 'parsed') }}
           WHEN cause_group NOT IN ('conflict', 'disaster') THEN 'unknown cause (expected conflict or disaster)'
           WHEN sex_code NOT IN ('female', 'male', 'unknown') THEN 'unknown sex category'
           WHEN age_group NOT IN ('0-4', '5-11', '12-17', '18-59', '60+', 'unknown') THEN 'unknown age group'
       END AS reason
FROM parsed
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = parsed.geo
