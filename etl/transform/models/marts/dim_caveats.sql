-- Caveats of an indicator that hold for some countries or years only (data/reference/caveats.csv),
-- in three languages, for the pages to show next to the figures they qualify. A NULL country is
-- every country; a NULL year_to is every year from year_from on. The caveats of every figure of an
-- indicator are in dim_indicators.
SELECT indicator_code, nullif(country_iso3, '') AS country_iso3,
       CAST(year_from AS INTEGER) AS year_from, TRY_CAST(nullif(year_to, '') AS INTEGER) AS year_to,
       caveat_en, caveat_es, caveat_pt
FROM {{ source('staged', 'ref_caveats') }}
ORDER BY indicator_code, country_iso3 NULLS FIRST, year_from
