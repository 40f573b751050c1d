-- UN DESA 2024 bilateral stocks: every raw row, with destination and origin resolved (upper case), year,
-- sex and count parsed, and the reason it cannot be loaded (the first rule that holds: the most basic
-- problem; NULL when sound). The file holds every destination only for LAC33 origins (its filter), so
-- only their emigrant stock is complete: a row feeds an indicator if its destination is in the
-- dashboard's scope or its origin is a LAC33 country.
WITH raw AS (
    SELECT * FROM {{ source('undesa_migrant_stock', 'gdidata_undesa_stocks_2024_lac') }}
),
parsed AS (
    SELECT raw.*,
           upper(raw.geo) AS geo_code,
           upper(raw."from") AS from_code,
           lower(raw.sex) AS sex_code,
           {{ parse_year('raw.t', 1950) }} AS stock_year,
           {{ parse_number('raw.n', 'n') }}
    FROM raw
),
-- Codes UN DESA uses that are not ISO 3166 countries (OOO other or unknown origin, XCX Channel
-- Islands) are fine as the other side of a pair, never a country.
coded AS (
    SELECT parsed.*,
           geo.is_iso3 OR geo.is_pseudo OR geo.code IN ('OOO', 'XCX') AS geo_known,
           origin.is_iso3 OR origin.is_pseudo OR origin.code IN ('OOO', 'XCX') AS from_known,
           coalesce(geo.in_scope, false) AS geo_in_scope,
           coalesce(origin.in_lac33, false) AS from_lac
    FROM parsed
    LEFT JOIN {{ source('reference', 'ref_codes') }} AS geo ON geo.code = parsed.geo_code
    LEFT JOIN {{ source('reference', 'ref_codes') }} AS origin ON origin.code = parsed.from_code
)
SELECT coded.*,
       CASE
           WHEN NOT coalesce(geo_known, false) OR NOT coalesce(from_known, false) THEN 'unknown country code'
           WHEN stock_year IS NULL THEN 'impossible or non-numeric year'
           WHEN sex_code NOT IN ('female', 'male') THEN 'unknown sex category (expected female or male)'
           -- DESA publishes no censored cells
           {{ count_reasons('n') }}
           WHEN NOT geo_in_scope AND NOT from_lac THEN {{ desa_outside_pair() }}
       END AS reason
FROM coded
