-- Calendar-year sums by breakdown: Darién and Honduras arrivals by demographic group (with sex and
-- age), Mexico's irregular events and Guatemalans returned by sex and age, Mexico's assisted returns
-- of each nationality in scope by age (adults, children: the source's two return types), US encounters by each of
-- CBP's categories (component, authority, type, demographic; a blank category still counts in the
-- total, it just has no place in its breakdown).
WITH rows AS (
    SELECT 'PAN' AS country_iso3, 'darien_transits_total' AS indicator_code, 'demographic' AS dimension,
           demog AS category, group_sex AS sex, group_age AS age, period, n_value,
           'gdidata_irreg_darien_dmg.csv' AS source_file, 'all' AS part
    FROM {{ ref('int_border_irregular_flows__darien_dmg') }} WHERE _status = 'loaded'
    UNION ALL
    SELECT 'HND', 'hnd_irregular_arrivals_total', 'demographic', demog, group_sex, group_age, period, n_value,
           'gdidata_irreg_honduras_dmg.csv', 'all'
    FROM {{ ref('int_border_irregular_flows__honduras_dmg') }} WHERE _status = 'loaded'
    UNION ALL
    SELECT 'MEX', 'mex_irregular_events_total', 'sex_age', sex || ' ' || age, sex, age, period, n_value,
           'gdidata_irreg_mexico_dmg.csv', 'all'
    FROM {{ ref('int_border_irregular_flows__mexico_dmg') }} WHERE _status = 'loaded'
    UNION ALL
    SELECT 'GTM', indicator_code, 'sex_age', sex || ' ' || age, sex, age, period, n_value,
           'gdidata_irreg_guatemala.csv', indicator_code
    FROM {{ ref('int_border_irregular_flows__guatemala_returns') }}
    UNION ALL
    SELECT e.nat_code, 'mex_assisted_returns', 'age',
           CASE e."type" WHEN 'assisted return of children' THEN 'children' ELSE 'adults' END, NULL,
           CASE e."type" WHEN 'assisted return of children' THEN 'child' ELSE 'adult' END, e.period, e.n_value,
           'gdidata_irreg_mexico_exp.csv', 'all'
    FROM {{ ref('int_border_irregular_flows__mexico_exp') }} AS e
    WHERE e._status = 'loaded' AND e.flow_code = 'mex_assisted_returns' AND e.nat_in_scope
    {% for dim in ['component', 'authority', 'type', 'demog'] %}
    UNION ALL
    SELECT 'USA', 'usa_sw_encounters_total', '{{ dim }}', {{ adapter.quote(dim) }}, NULL, NULL, period, n_value,
           'gdidata_irreg_usa.csv', 'all'
    FROM {{ ref('int_border_irregular_flows__usa') }} WHERE _status = 'loaded' AND {{ adapter.quote(dim) }} <> ''
    {% endfor %}
),
sums AS (
    SELECT country_iso3, indicator_code, year(period) AS year, dimension, category, sex, age, sum(n_value) AS value,
           source_file, part
    FROM rows
    GROUP BY country_iso3, indicator_code, year(period), dimension, category, sex, age, source_file, part
)
SELECT s.country_iso3, s.indicator_code, s.year, s.dimension, s.category, s.sex, s.age, s.value,
       NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, m.months_covered, s.source_file
FROM sums AS s
LEFT JOIN {{ ref('int_border_irregular_flows__months') }} AS m
  ON m.source_file = s.source_file AND m.part = s.part AND m.year = s.year
