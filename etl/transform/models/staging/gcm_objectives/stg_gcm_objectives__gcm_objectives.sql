-- The GCM's 23 objectives as the iomeval copy of A/RES/73/195 has them: every raw row, with its
-- objective number parsed, and the reason it cannot be loaded (strongest first; NULL when sound).
-- The text is kept as written; a title known to differ from the resolution is quarantined, never
-- corrected here.
WITH raw AS (
    SELECT * FROM {{ source('gcm_objectives', 'gcm_objectives') }}
),
-- Titles of the copy that the resolution words otherwise (PROVENANCE.md of gcm-objectives).
known_wrong (objective_id, title, reason) AS (
    VALUES (13, 'Use immigration detention only as a measure of last resort and work towards alternatives',
            'title differs from A/RES/73/195, which reads "migration detention", not "immigration detention"')
),
parsed AS (
    SELECT raw.*,
           TRY_CAST(CASE WHEN regexp_full_match(trim(raw.objective), '[0-9]{1,2}') THEN trim(raw.objective) END
                    AS INTEGER) AS objective_id
    FROM raw
)
SELECT parsed.*,
       CASE
           WHEN parsed.objective_id IS NULL OR parsed.objective_id NOT BETWEEN 1 AND 23
               THEN 'not a GCM objective number (1-23)'
           WHEN trim(parsed.title) = '' THEN 'empty title'
           WHEN known_wrong.reason IS NOT NULL THEN known_wrong.reason
       END AS reason
FROM parsed
LEFT JOIN known_wrong ON known_wrong.objective_id = parsed.objective_id AND known_wrong.title = trim(parsed.title)
