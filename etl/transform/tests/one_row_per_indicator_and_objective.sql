-- one row per indicator and objective in bridge_indicator_objectives, and one main objective at most
SELECT indicator_code, NULL AS objective_id FROM {{ ref('bridge_indicator_objectives') }}
GROUP BY indicator_code HAVING count(*) FILTER (WHERE is_main) > 1
UNION ALL
SELECT indicator_code, objective_id FROM {{ ref('bridge_indicator_objectives') }}
GROUP BY indicator_code, objective_id HAVING count(*) > 1
