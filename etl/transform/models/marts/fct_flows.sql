-- Monthly (or annual) flows by nationality at a reporting country, any nationality code
-- (value_flag: dim_value_flags).
SELECT flow_code, reporting_iso3, nationality_code, CAST(period_start AS DATE) AS period_start,
       year(period_start) AS year, period_kind, value, value_flag, source_file
FROM {{ ref('int_flows') }}
ORDER BY flow_code, reporting_iso3, nationality_code, period_start
