-- UN treaty status per country (as of the source's date).
SELECT country_iso3, treaty_code, status, state_party, signatory,
       CAST(ratification_year AS INTEGER) AS ratification_year, CAST(status_year AS INTEGER) AS status_year,
       note, source_file
FROM {{ ref('int_treaties') }}
ORDER BY treaty_code, country_iso3
