-- Every GCM objective each indicator serves: its main objective (dim_indicators.objective_id, is_main)
-- and the others data/reference/indicator_objectives.csv lists (an SDG 10.7.2 policy domain spans
-- several objectives).
WITH listed AS (
    SELECT trim(indicator_code) AS indicator_code, CAST(objective_id AS INTEGER) AS objective_id
    FROM {{ source('staged', 'ref_indicator_objectives') }}
    UNION
    SELECT indicator_code, objective_id FROM {{ ref('dim_indicators') }} WHERE objective_id IS NOT NULL
)
SELECT l.indicator_code, l.objective_id, coalesce(l.objective_id = i.objective_id, false) AS is_main
FROM listed AS l
LEFT JOIN {{ ref('dim_indicators') }} AS i USING (indicator_code)
ORDER BY l.indicator_code, l.objective_id
