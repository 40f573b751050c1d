-- The GCM objectives of each published submission (one primary).
SELECT record->>'practice_id' AS practice_id, CAST(record->'objective_id' AS INTEGER) AS objective_id,
       CAST(record->'is_primary' AS BOOLEAN) AS is_primary, record->>'rationale' AS rationale
FROM {{ source('staged', 'submitted') }}
WHERE kind = 'practice_objectives'
