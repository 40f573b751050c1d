-- UN treaty status per country, treaty and as-of date: each status is what its source listed on
-- status_as_of (the same treaty may come from two sources or two scrapes: the ICMW as of August
-- 2022 and May 2023, the Trafficking Protocol as of January 2014 and May 2023). is_latest marks,
-- per country and treaty, the status with the newest as-of date; an older one is kept, never
-- passed off as current.
SELECT country_iso3, treaty_code, status, state_party, signatory,
       CAST(ratification_year AS INTEGER) AS ratification_year, CAST(status_year AS INTEGER) AS status_year,
       note, source_file, CAST(status_as_of AS DATE) AS status_as_of,
       status_as_of = max(status_as_of) OVER (PARTITION BY country_iso3, treaty_code) AS is_latest
FROM {{ ref('int_treaties') }}
ORDER BY treaty_code, country_iso3, status_as_of
