-- every fact-sheet practice has exactly one Spanish and one Portuguese title and summary
-- A warning: a new practice shows its English text until it is translated, no reason to keep an older warehouse.
{{ config(severity='warn') }}
WITH wanted AS (
    SELECT p.practice_id, l.lang
    FROM {{ ref('practices') }} AS p
    CROSS JOIN (VALUES ('es'), ('pt')) AS l(lang)
    WHERE p.source_file <> 'submissions'
)
SELECT w.practice_id, w.lang, count(t.practice_id) AS translations
FROM wanted AS w
LEFT JOIN {{ ref('practice_translations') }} AS t
       ON t.practice_id = w.practice_id AND t.lang = w.lang
      AND coalesce(trim(t.title), '') <> '' AND coalesce(trim(t.summary), '') <> ''
GROUP BY w.practice_id, w.lang
HAVING count(t.practice_id) <> 1
