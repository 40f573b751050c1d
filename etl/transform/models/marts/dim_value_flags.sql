-- What each value_flag means, in three languages, for the pages to show beside a flagged figure.
SELECT value_flag, label_en, label_es, label_pt, meaning_en, meaning_es, meaning_pt
FROM {{ source('staged', 'ref_value_flags') }}
ORDER BY value_flag
