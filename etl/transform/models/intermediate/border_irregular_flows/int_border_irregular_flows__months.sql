-- How many months each file's loaded rows cover per calendar year: what a yearly sum rests on.
-- Counted over the whole file, not per nationality: a nationality absent in a reported month had no
-- crossings that month. `part` is "all", except for Guatemala (each return origin has its own
-- coverage: returns from the US stop in Dec 2023) and the US nationalities ("nationality": CBP gives
-- them only from Oct 2019). Darién's annual-only years have no month count (NULL).
{% set files = ['darien_dmg', 'mexico_exp', 'mexico_nat', 'mexico_dmg', 'honduras', 'honduras_nat', 'honduras_dmg', 'usa'] %}
WITH periods AS (
    SELECT 'gdidata_irreg_darien_nat.csv' AS source_file, 'all' AS part, period, period_kind
    FROM {{ ref('int_border_irregular_flows__darien_nat') }} WHERE _status = 'loaded'
    UNION ALL
    SELECT 'gdidata_irreg_guatemala.csv', indicator_code, period, 'month'
    FROM {{ ref('int_border_irregular_flows__guatemala_returns') }}
    UNION ALL
    SELECT 'gdidata_irreg_usa.csv', 'nationality', period, 'month'
    FROM {{ ref('int_border_irregular_flows__usa') }} WHERE _status = 'loaded' AND nat_code <> ''
    {% for f in files %}
    UNION ALL
    SELECT 'gdidata_irreg_{{ f }}.csv', 'all', period, 'month'
    FROM {{ ref('int_border_irregular_flows__' ~ f) }} WHERE _status = 'loaded'
    {% endfor %}
)
SELECT source_file, part, year(period) AS year,
       CASE WHEN bool_or(period_kind = 'year') THEN NULL ELSE count(DISTINCT period) END AS months_covered
FROM periods
GROUP BY source_file, part, year(period)
