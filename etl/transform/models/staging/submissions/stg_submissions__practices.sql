-- Published practice submissions (etl/build.py writes each one's public fields as a JSON record;
-- submitters' contact details never reach the build), as the practices table's columns.
{% set text = ['practice_id', 'title', 'original_name', 'countries_text', 'actors', 'actor_type',
               'objective_rationale', 'practice_status', 'summary', 'source_urls', 'verified', 'level',
               'language', 'status', 'source_file', 'partners', 'target_group', 'results', 'lessons',
               'replicability', 'guiding_principles', 'submitted_at', 'reviewed_at'] %}
SELECT {% for c in text %}record->>'{{ c }}' AS {{ c }},
       {% endfor -%}
       CAST(record->'year_start' AS INTEGER) AS year_start,
       CAST(record->'year_end' AS INTEGER) AS year_end,
       CAST(record->'primary_objective_id' AS INTEGER) AS primary_objective_id
FROM {{ source('staged', 'submitted') }}
WHERE kind = 'practices'
