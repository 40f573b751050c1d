-- Each practice's GCM objectives (one primary).
SELECT practice_id, CAST(objective_id AS INTEGER) AS objective_id, is_primary, rationale
FROM (SELECT * FROM {{ ref('int_practices_factsheet__practice_objectives') }}
      UNION ALL BY NAME SELECT * FROM {{ ref('stg_submissions__practice_objectives') }})
ORDER BY practice_id, objective_id
