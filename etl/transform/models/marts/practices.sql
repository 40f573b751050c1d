-- Practices (the fact sheet's and submitted ones, with their review status) with their objectives
-- and countries; pages show only status = 'published'. Submitters' contact details never come here
-- (stg_submissions__practices holds the published submissions' public fields).
SELECT practice_id, title, original_name, countries_text, CAST(year_start AS INTEGER) AS year_start,
       actors, actor_type, CAST(primary_objective_id AS INTEGER) AS primary_objective_id,
       objective_rationale, practice_status, summary, source_urls, verified, level, language,
       status, source_file, CAST(year_end AS INTEGER) AS year_end, partners, target_group, results,
       lessons, replicability, guiding_principles, submitted_at, reviewed_at
FROM (SELECT * FROM {{ ref('int_practices_factsheet__practices') }}
      UNION ALL BY NAME SELECT * FROM {{ ref('stg_submissions__practices') }})
ORDER BY practice_id
