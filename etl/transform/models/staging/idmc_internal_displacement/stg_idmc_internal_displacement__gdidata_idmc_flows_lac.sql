-- IDMC new internal displacements in a year: every raw row with its cause grouped (conflict, or
-- disaster for the ten natural hazards the .Rd lists), year and count parsed, and the reason it
-- cannot be loaded (strongest first; NULL when sound).
WITH raw AS (
    SELECT * FROM {{ source('idmc_internal_displacement', 'gdidata_idmc_flows_lac') }}
),
causes (cause_code, cause_group) AS (
    VALUES ('conflict', 'conflict'), ('drought', 'disaster'), ('earthquake', 'disaster'), ('erosion', 'disaster'),
           ('extreme temperature', 'disaster'), ('flood', 'disaster'), ('mass movement', 'disaster'),
           ('storm', 'disaster'), ('volcanic activity', 'disaster'), ('wave action', 'disaster'),
           ('wildfire', 'disaster')
),
parsed AS (
    SELECT raw.*, {{ parse_year('raw.t', 1990) }} AS value_year, {{ parse_number('raw.n', 'n') }} FROM raw
)
SELECT parsed.*,
       parsed.geo AS country_iso3,
       causes.cause_code, causes.cause_group,
       CASE
           {{ idmc_checks() | indent(11) }}
           {{ more_cells_than_header(source('idmc_internal_displacement', 'gdidata_idmc_flows_lac'), 'parsed') }}
           WHEN causes.cause_code IS NULL THEN 'unknown cause of displacement'
       END AS reason
FROM parsed
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = parsed.geo
LEFT JOIN causes ON causes.cause_code = lower(trim(parsed.cause))
