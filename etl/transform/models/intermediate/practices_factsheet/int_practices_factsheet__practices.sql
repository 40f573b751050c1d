-- The fact sheet's practices (loaded rows), published, in English, with no submission-only fields.
SELECT id AS practice_id, short_name AS title, original_name, countries_iso3 AS countries_text,
       start_year AS year_start, actors, actor_type, CAST(objective_numbers[1] AS BIGINT) AS primary_objective_id,
       objective_rationale, status AS practice_status, summary, source_url AS source_urls, verified, level,
       'en' AS language, 'published' AS status, 'practices.csv' AS source_file,
       NULL::BIGINT AS year_end, NULL::VARCHAR AS partners, NULL::VARCHAR AS target_group, NULL::VARCHAR AS results,
       NULL::VARCHAR AS lessons, NULL::VARCHAR AS replicability, NULL::VARCHAR AS guiding_principles,
       NULL::VARCHAR AS submitted_at, NULL::VARCHAR AS reviewed_at
FROM {{ ref('int_practices_factsheet__practice_rows') }}
WHERE _status = 'loaded'
ORDER BY practice_id
