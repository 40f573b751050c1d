-- The fact sheet's practices in Spanish and Portuguese (title, summary): the dashboard's own
-- translations of the English text, marked so (translated_by), for the pages to show in the reader's language.
SELECT practice_id, lang, title, summary, translated_by
FROM {{ source('staged', 'ref_practice_translations') }}
ORDER BY practice_id, lang
