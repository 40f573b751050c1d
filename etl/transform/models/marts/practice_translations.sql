-- The fact sheet's practices in Spanish and Portuguese (title, summary): the dashboard's own
-- translations of the English text, marked so (translated_by), for the pages to show in the reader's
-- language. Only practices this build holds: a smaller source set (tests, a trimmed sheet) has fewer.
SELECT t.practice_id, t.lang, t.title, t.summary, t.translated_by
FROM {{ source('staged', 'ref_practice_translations') }} AS t
WHERE t.practice_id IN (SELECT practice_id FROM {{ ref('practices') }} WHERE source_file <> 'submissions')
ORDER BY t.practice_id, t.lang
