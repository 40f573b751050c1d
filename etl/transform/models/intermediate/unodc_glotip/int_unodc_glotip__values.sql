-- GLOTIP figures per country and year: the overall figure each LAC country reports, and
-- glotip_nationals_abroad, the victims with the citizenship of a country in scope detected by
-- non-LAC countries, summed over the reporting countries.
WITH abroad AS (
    -- Victims by citizenship, sex and age Total. Rows by country of repatriation count the same
    -- people again, so they stay out of the sum.
    SELECT citizenship_iso3 AS country_iso3, {{ unodc_glotip_figure() }}
    FROM {{ ref('int_unodc_glotip__glotip_lac_citizens_detected_outside_lac') }}
    WHERE _status = 'loaded' AND indicator_code = 'glotip_victims'
      AND "Dimension" = 'by citizenship' AND "Sex" = 'Total' AND "Age" = 'Total'
),
sums AS (
    SELECT country_iso3, year,
           coalesce(sum(value), 0) AS known,
           count(*) AS n_parts,
           count(*) FILTER (WHERE value_flag = 'suppressed') AS n_suppressed,
           coalesce(sum(upper_bound), 0) AS upper_sum
    FROM abroad
    GROUP BY country_iso3, year
)
SELECT "Iso3_code" AS country_iso3, indicator_code, {{ unodc_glotip_figure() }}, 'glotip_lac.csv' AS source_file
FROM {{ ref('int_unodc_glotip__glotip_lac') }}
WHERE _status = 'loaded' AND is_total
UNION ALL
-- Known parts are a floor when some parts are `<5`; with every part `<5` only a ceiling is known.
SELECT country_iso3, 'glotip_nationals_abroad', year,
       CASE WHEN n_suppressed < n_parts THEN known END,
       CASE WHEN n_suppressed = n_parts THEN 'suppressed' WHEN n_suppressed > 0 THEN 'lower_bound' END,
       CASE WHEN n_suppressed = n_parts THEN upper_sum END,
       NULL::BIGINT, 'glotip_lac_citizens_detected_outside_lac.csv'
FROM sums
