-- treaty_<treaty>_party for the treaties of macros/untc_treaty_status.sql's untc_indicator_treaties():
-- per country and year from 1990 to the year of the status's as-of date, 1 while the country is a
-- state party, else 0 (UNTC's tables record no withdrawal: none is assumed). Each value carries the
-- as-of date of the status it comes from. Where two files give the same treaty (the Trafficking
-- Protocol as of January 2014 and May 2023), the newer status gives every year it covers.
SELECT t.country_iso3, 'treaty_' || t.treaty_code || '_party' AS indicator_code, years.year,
       (t.state_party AND years.year >= t.ratification_year)::DOUBLE AS value,
       NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered, t.source_file,
       t.status_as_of
FROM {{ ref('int_untc_treaty_status__treaties') }} AS t
CROSS JOIN range(1990, 2100) AS years(year)
WHERE t.treaty_code IN ('{{ untc_indicator_treaties() | join("', '") }}')
  AND years.year <= year(t.status_as_of)
QUALIFY row_number() OVER (PARTITION BY t.country_iso3, t.treaty_code, years.year ORDER BY t.status_as_of DESC) = 1
