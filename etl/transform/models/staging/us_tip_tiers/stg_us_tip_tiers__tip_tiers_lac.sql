-- TIP report tiers: every raw row, with its country resolved, year and tier parsed, and the reason it
-- cannot be loaded (strongest first; NULL when sound). Tier 2 Watch List sits between 2 and 3.
WITH raw AS (
    SELECT * FROM {{ source('us_tip_tiers', 'tip_tiers_lac') }}
),
tiers (label, tier_value) AS (
    VALUES ('Tier 1', 1.0), ('Tier 2', 2.0), ('Watchlist', 2.5), ('Tier 2 Watch List', 2.5), ('Tier 3', 3.0)
)
SELECT raw.*,
       raw.iso AS country_iso3,
       {{ parse_year('raw.year', 1999) }} AS report_year,
       tiers.tier_value,
       CASE
           WHEN codes.is_iso3 IS NULL THEN 'unknown country code'
           WHEN NOT codes.in_scope THEN {{ outside_country() }}
           WHEN {{ parse_year('raw.year', 1999) }} IS NULL THEN 'impossible or non-numeric year'
           -- the source pads tiers with trailing spaces
           WHEN trim(raw.tier) IN ('NA', '', 'Special case', 'special case') THEN 'not ranked that year (NA in source)'
           WHEN tiers.tier_value IS NULL THEN 'unknown tier label'
       END AS reason
FROM raw
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = raw.iso AND codes.is_iso3
LEFT JOIN tiers ON tiers.label = trim(raw.tier)
