-- Hosted, abroad, IDP, return and stateless counts per country and year. A protection row counts for each
-- side in scope: its own indicator and unhcr_displaced_hosted for the country of asylum,
-- unhcr_displaced_abroad for a LAC33 origin. Refugee returns count for the country returned to (`from`).
-- Stocks are counts at a date; returns are flows, and the mid-year 2024 release covers six months.
-- UNHCR publishes every count from 1 to 4 as 5 (the file has no count below 5): a value is flagged
-- 'rounded' when such counts could move it by 1% or more (up to 4 per count of 5).
WITH loaded AS (
    SELECT * FROM {{ ref('int_unhcr_displacement__gdidata_unhcr_lac') }} WHERE _status = 'loaded'
),
figures AS (
    SELECT geo_code AS country_iso3, group_indicator AS indicator_code, displacement_year AS year, sum(n_value) AS value, count(*) FILTER (WHERE n_value = 5) AS rounded_rows
    FROM loaded WHERE group_kind = 'protection' AND geo_in_scope GROUP BY ALL
    UNION ALL
    SELECT geo_code AS country_iso3, 'unhcr_displaced_hosted' AS indicator_code, displacement_year AS year, sum(n_value) AS value, count(*) FILTER (WHERE n_value = 5) AS rounded_rows
    FROM loaded WHERE group_kind = 'protection' AND geo_in_scope GROUP BY ALL
    UNION ALL
    SELECT from_code AS country_iso3, 'unhcr_displaced_abroad' AS indicator_code, displacement_year AS year, sum(n_value) AS value, count(*) FILTER (WHERE n_value = 5) AS rounded_rows
    FROM loaded WHERE group_kind = 'protection' AND from_lac GROUP BY ALL
    UNION ALL
    SELECT geo_code AS country_iso3, group_indicator AS indicator_code, displacement_year AS year, sum(n_value) AS value, count(*) FILTER (WHERE n_value = 5) AS rounded_rows
    FROM loaded WHERE group_kind = 'in_country' GROUP BY ALL
    UNION ALL
    SELECT from_code AS country_iso3, 'unhcr_refugee_returns' AS indicator_code, displacement_year AS year, sum(n_value) AS value, count(*) FILTER (WHERE n_value = 5) AS rounded_rows
    FROM loaded WHERE group_kind = 'return' GROUP BY ALL
)
SELECT country_iso3, indicator_code, year, value,
       CASE WHEN rounded_rows * 4 >= 0.01 * value THEN 'rounded' END AS value_flag, NULL::DOUBLE AS upper_bound,
       CASE WHEN indicator_code IN ('unhcr_refugee_returns', 'unhcr_idp_returns') AND year = 2024 THEN 6 END::BIGINT
           AS months_covered,
       'gdidata_unhcr_lac.csv' AS source_file
FROM figures
