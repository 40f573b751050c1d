-- us_tip_tier: the tier per country and report year.
SELECT country_iso3, 'us_tip_tier' AS indicator_code, report_year AS year, tier_value AS value,
       NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered,
       'tip_tiers_lac.csv' AS source_file
FROM {{ ref('int_us_tip_tiers__tip_tiers_lac') }}
WHERE _status = 'loaded'
