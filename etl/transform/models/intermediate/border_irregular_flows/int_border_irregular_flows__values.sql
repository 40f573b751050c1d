-- Calendar-year sums: each flow by nationality for the nationalities in scope (the country is the
-- nationality), the totals of every nationality (known or not) at the reporting country, Mexico's
-- share of assisted returns among all returns, Guatemalans returned (by origin, and from all origins)
-- and Honduras' arrivals. value_flag: 'summed' where a month's figure for a nationality sums source
-- rows given one code (int_..._flows); 'border_closed' for Darién in 2020, whose months without rows
-- are months Panama's border was closed (COVID-19), not months left out of the publication.
-- months_covered: the months the file (or its part) covers that year (int_..._months); CBP's values
-- by nationality rest on the months that give nationalities.
WITH flows AS (
    SELECT *, year(period_start) AS year FROM {{ ref('int_border_irregular_flows__flows') }}
),
by_nationality AS (
    SELECT f.nationality_code AS country_iso3, f.flow_code AS indicator_code, f.year, sum(f.value) AS value,
           f.source_file, CASE WHEN f.source_file = 'gdidata_irreg_usa.csv' THEN 'nationality' ELSE 'all' END AS part,
           CASE WHEN bool_or(f.value_flag = 'summed') THEN 'summed' END AS value_flag
    FROM flows AS f
    JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = f.nationality_code AND codes.in_scope
    GROUP BY ALL
),
totals (source_file, indicator_code) AS (
    VALUES ('gdidata_irreg_darien_nat.csv', 'darien_transits_total'),
           ('gdidata_irreg_mexico_nat.csv', 'mex_irregular_events_total'),
           ('gdidata_irreg_usa.csv', 'usa_sw_encounters_total')
),
at_reporting_country AS (
    SELECT f.reporting_iso3 AS country_iso3, t.indicator_code, f.year, sum(f.value) AS value, f.source_file,
           'all' AS part
    FROM flows AS f
    JOIN totals AS t USING (source_file)
    GROUP BY ALL
),
-- assisted returns / (deportations + assisted returns) * 100, where there was any return
assisted_share AS (
    SELECT country_iso3, 'mex_assisted_return_share' AS indicator_code, year,
           assisted / (deported + assisted) * 100 AS value, source_file, 'all' AS part
    FROM (
        SELECT country_iso3, year, source_file,
               coalesce(sum(value) FILTER (WHERE indicator_code = 'mex_deportations'), 0) AS deported,
               coalesce(sum(value) FILTER (WHERE indicator_code = 'mex_assisted_returns'), 0) AS assisted
        FROM by_nationality
        WHERE source_file = 'gdidata_irreg_mexico_exp.csv'
        GROUP BY ALL
    )
    WHERE deported + assisted > 0
),
guatemala AS (
    SELECT 'GTM' AS country_iso3, indicator_code, year(period) AS year, sum(n_value) AS value,
           'gdidata_irreg_guatemala.csv' AS source_file, indicator_code AS part
    FROM {{ ref('int_border_irregular_flows__guatemala_returns') }}
    GROUP BY ALL
),
honduras AS (
    SELECT 'HND' AS country_iso3, 'hnd_irregular_arrivals_total' AS indicator_code, year(period) AS year,
           sum(n_value) AS value, 'gdidata_irreg_honduras.csv' AS source_file, 'all' AS part
    FROM {{ ref('int_border_irregular_flows__honduras') }}
    WHERE _status = 'loaded'
    GROUP BY ALL
),
figures AS (
    SELECT * FROM by_nationality
    UNION ALL BY NAME SELECT * FROM at_reporting_country
    UNION ALL BY NAME SELECT * FROM assisted_share
    UNION ALL BY NAME SELECT * FROM guatemala
    UNION ALL BY NAME SELECT * FROM honduras
)
SELECT f.country_iso3, f.indicator_code, f.year, f.value,
       CASE WHEN f.source_file = 'gdidata_irreg_darien_nat.csv' AND f.year = 2020 THEN 'border_closed'
            ELSE f.value_flag END AS value_flag,
       NULL::DOUBLE AS upper_bound,
       m.months_covered, f.source_file
FROM figures AS f
LEFT JOIN {{ ref('int_border_irregular_flows__months') }} AS m
  ON m.source_file = f.source_file AND m.part = f.part AND m.year = f.year
