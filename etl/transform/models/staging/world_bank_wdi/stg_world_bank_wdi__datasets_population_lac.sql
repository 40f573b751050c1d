-- World Bank SP.POP.TOTL (datahub.io): every raw row, with year and value parsed and the reason it
-- cannot be loaded (strongest first; NULL when sound).
WITH raw AS (
    SELECT * FROM {{ source('world_bank_wdi', 'datasets_population_lac') }}
),
parsed AS (
    {{ world_bank_wdi_parsed('raw."Year"', 'raw."Value"') }}
)
SELECT parsed.*,
       parsed."Country Code" AS country_iso3,
       CASE
           {{ world_bank_wdi_checks() | indent(11) }}
           WHEN n_value < 0 THEN 'negative value for a count'
       END AS reason
FROM parsed
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = parsed."Country Code" AND codes.is_iso3
