-- Flows by nationality and month (Darién: year until 2019) at the reporting country, summed over the
-- rows of each nationality and period (Mexico's two kinds of assisted return are one flow; CBP's rows
-- are by component, area, authority, type and demographic). A blank nationality (CBP before Oct 2019)
-- is NULL. In Mexico's and Honduras' files by nationality, several rows of a month with one code are
-- source names gdidata resolved to that code: summed, with value_flag 'summed' (dim_value_flags).
WITH loaded AS (
    SELECT 'darien_transits' AS flow_code, 'PAN' AS reporting_iso3, nat_code, period, period_kind, n_value,
           'gdidata_irreg_darien_nat.csv' AS source_file, false AS one_row_per_code
    FROM {{ ref('int_border_irregular_flows__darien_nat') }} WHERE _status = 'loaded'
    UNION ALL
    SELECT flow_code, 'MEX', nat_code, period, 'month', n_value, 'gdidata_irreg_mexico_exp.csv', false
    FROM {{ ref('int_border_irregular_flows__mexico_exp') }} WHERE _status = 'loaded'
    UNION ALL
    SELECT 'mex_irregular_events', 'MEX', nat_code, period, 'month', n_value, 'gdidata_irreg_mexico_nat.csv', true
    FROM {{ ref('int_border_irregular_flows__mexico_nat') }} WHERE _status = 'loaded'
    UNION ALL
    SELECT 'hnd_irregular_arrivals', 'HND', nat_code, period, 'month', n_value, 'gdidata_irreg_honduras_nat.csv', true
    FROM {{ ref('int_border_irregular_flows__honduras_nat') }} WHERE _status = 'loaded'
    UNION ALL
    SELECT 'usa_sw_encounters', 'USA', nat_code, period, 'month', n_value, 'gdidata_irreg_usa.csv', false
    FROM {{ ref('int_border_irregular_flows__usa') }} WHERE _status = 'loaded'
)
SELECT flow_code, reporting_iso3, nullif(nat_code, '') AS nationality_code, period AS period_start, period_kind,
       sum(n_value) AS value, CASE WHEN bool_and(one_row_per_code) AND count(*) > 1 THEN 'summed' END AS value_flag,
       source_file
FROM loaded
GROUP BY flow_code, reporting_iso3, nat_code, period, period_kind, source_file
