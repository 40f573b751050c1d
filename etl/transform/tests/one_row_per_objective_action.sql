-- one row per objective and action letter in dim_objective_actions
SELECT objective_id, action_letter, count(*) AS n FROM {{ ref('dim_objective_actions') }}
GROUP BY ALL HAVING count(*) > 1
