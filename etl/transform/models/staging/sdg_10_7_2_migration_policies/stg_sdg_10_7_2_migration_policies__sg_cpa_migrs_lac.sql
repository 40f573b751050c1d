-- SDG 10.7.2 (SG_CPA_MIGRS): every raw row, with its UN M49 code resolved to a country, the policy
-- domain mapped to the dashboard's indicator, year and score parsed, and the reason it cannot be
-- loaded (strongest first; NULL when sound). A score is one of four levels: 1 = requires further
-- progress, 2 = partially meets, 3 = meets, 4 = fully meets. Countries that did not answer the UN
-- Inquiry have no rows at all: nothing here stands for them.
WITH raw AS (
    SELECT * FROM {{ source('sdg_10_7_2_migration_policies', 'sg_cpa_migrs_lac') }}
),
-- The file's domain codes; the domains' names (en/es/pt) are in data/reference/indicators.csv.
domains (domain_code, indicator_code) AS (
    VALUES ('alldomains', 'sdg1072_all_domains'),
           ('domain1', 'sdg1072_migrant_rights'),
           ('domain2', 'sdg1072_whole_of_government'),
           ('domain3', 'sdg1072_cooperation'),
           ('domain4', 'sdg1072_socioeconomic'),
           ('domain5', 'sdg1072_crises'),
           ('domain6', 'sdg1072_safe_orderly_regular')
),
parsed AS (
    SELECT raw.*,
           TRY_CAST(CASE WHEN regexp_full_match(trim(raw.geo_area), '[0-9]{1,3}') THEN trim(raw.geo_area) END AS BIGINT)
               AS m49_code,
           {{ parse_year('raw.year', 2015) }} AS report_year,
           {{ parse_number('raw.sg_cpa_migrs', 'score') }}
    FROM raw
)
SELECT parsed.*,
       m49.iso3 AS country_iso3,
       domains.indicator_code,
       CASE
           WHEN m49.iso3 IS NULL THEN 'unknown or aggregate M49 area code, not a country'
           WHEN NOT codes.in_scope THEN {{ outside_country() }}
           -- g (global monitoring data) would be UNSD's estimate, not the country's own answer
           WHEN parsed.nature <> 'c' THEN 'not country-reported data (nature is not c)'
           WHEN report_year IS NULL THEN 'impossible or non-numeric year'
           WHEN domains.indicator_code IS NULL THEN 'unknown policy domain'
           WHEN parsed.units <> 'number' THEN 'unexpected unit (not a score)'
           -- the native file marks a government that answered no part of the domain with N
           WHEN score_status = 'missing' OR trim(parsed.sg_cpa_migrs) = 'N' THEN 'no score (N or missing marker in source)'
           WHEN score_status <> 'ok' THEN 'non-numeric score'
           WHEN score_value NOT IN (1, 2, 3, 4) THEN 'score outside the levels 1-4'
       END AS reason
FROM parsed
LEFT JOIN {{ source('reference', 'ref_m49') }} AS m49 ON m49.m49 = parsed.m49_code
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = m49.iso3
LEFT JOIN domains ON domains.domain_code = lower(trim(parsed.policy_domains))
