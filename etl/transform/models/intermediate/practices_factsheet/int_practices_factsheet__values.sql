-- gcm_endorsed: 1 when a country supports the Compact that year, 2018 (the vote, Dec 2018) to 2025.
-- Each year takes the state of the last event dated that year or earlier: the vote first, then the
-- later changes as listed; a change dated before 2018 applies from 2018, after the vote.
WITH loaded AS (
    SELECT code, vote_code, changes FROM {{ ref('int_practices_factsheet__endorsement_rows') }} WHERE _status = 'loaded'
),
events AS (
    SELECT code, 2018 AS event_year, 0 AS seq, CASE WHEN vote_code = 'in_favour' THEN 1 ELSE 0 END AS state FROM loaded
    UNION ALL
    SELECT code, greatest(change.year, 2018), seq, change.state
    FROM (SELECT code, unnest(changes) AS change, generate_subscripts(changes, 1) AS seq FROM loaded)
)
SELECT l.code AS country_iso3, 'gcm_endorsed' AS indicator_code, CAST(y.year AS BIGINT) AS year,
       arg_max(e.state, e.event_year * 1000 + e.seq)::DOUBLE AS value,
       NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered,
       'gcm-endorsement.csv' AS source_file
FROM loaded AS l
CROSS JOIN range(2018, 2026) AS y(year)
JOIN events AS e ON e.code = l.code AND e.event_year <= y.year
GROUP BY ALL
ORDER BY country_iso3, year
