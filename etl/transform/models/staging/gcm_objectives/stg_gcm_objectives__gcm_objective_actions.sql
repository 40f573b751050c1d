-- The lettered actions under each GCM objective (iomeval's copy of A/RES/73/195): every raw row,
-- with objective number and letter parsed, and the reason it cannot be loaded (strongest first;
-- NULL when sound).
WITH raw AS (
    SELECT * FROM {{ source('gcm_objectives', 'gcm_objective_actions') }}
),
parsed AS (
    SELECT raw.*,
           TRY_CAST(CASE WHEN regexp_full_match(trim(raw.objective), '[0-9]{1,2}') THEN trim(raw.objective) END
                    AS INTEGER) AS objective_id,
           lower(trim(raw.action)) AS action_letter,
           -- the parser left the resolution's footnote marks glued to a word ("Paris Agreement4 and")
           regexp_replace(trim(raw.action_text), '([a-z])[0-9]{1,2}(\s)', '\1\2', 'g') AS action_text_clean
    FROM raw
)
SELECT parsed.*,
       CASE
           WHEN parsed.objective_id IS NULL OR parsed.objective_id NOT BETWEEN 1 AND 23
               THEN 'not a GCM objective number (1-23)'
           WHEN NOT regexp_full_match(parsed.action_letter, '[a-z]') THEN 'not an action letter (a-z)'
           WHEN parsed.action_text_clean = '' THEN 'empty action text'
       END AS reason
FROM parsed
