-- sdg1072_*: each answering country's score (1-4) overall and per policy domain, per survey round.
SELECT country_iso3, indicator_code, report_year AS year, score_value AS value,
       NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered,
       'sg_cpa_migrs_lac.csv' AS source_file
FROM {{ ref('int_sdg_10_7_2_migration_policies__sg_cpa_migrs_lac') }}
WHERE _status = 'loaded'
