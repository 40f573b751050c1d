-- GCM endorsement: every raw row with its vote and later changes parsed, and the reason it cannot be
-- loaded (strongest first; NULL when sound).
--   The vote is read from the text before any parenthesis or " - " note, because the notes mention
--   "against" and "abstaining" ("in favour (inferred: not among the 5 against, 12 abstaining ...)").
--   later_changes: clauses separated by `;`. "none found ..." means no change, whatever follows.
--   A withdrawal, dissociation or refusal switches support off from its year (checked first:
--   "did not adopt" contains "adopt"); rejoining or endorsing switches it on. A clause with a
--   change and no year, or a year and no recognisable change, is not understood.
WITH raw AS (
    SELECT * FROM {{ source('practices_factsheet', 'endorsement_rows') }}
),
parsed AS (
    SELECT raw.*,
           upper(raw.iso3) AS code,
           trim(regexp_split_to_array(lower(trim(raw.unga_73_195_vote)), '\(| - ')[1]) AS vote_head,
           CASE WHEN regexp_matches(vote_head, '^in fav(ou)?r\b|^yes\b') THEN 'in_favour'
                WHEN regexp_matches(vote_head, '^against\b|^no\b') THEN 'against'
                WHEN regexp_matches(vote_head, '^abstain') THEN 'abstained'
                WHEN regexp_matches(vote_head, '^(did not vote|not voting|non-voting|absent)') THEN 'not_voting'
           END AS vote_code,
           CASE WHEN NOT {{ no_change('raw.later_changes') }} THEN list_filter(list_transform(
               list_filter(list_transform(string_split(raw.later_changes, ';'), lambda c: lower(trim(c))),
                           lambda c: NOT {{ no_change('c') }}),
               lambda c: {'year': TRY_CAST(regexp_extract(c, '\b(19\d{2}|20\d{2})\b', 1) AS INTEGER),
                     'state': CASE WHEN regexp_matches(c, 'withdr|dissociat|not to adopt|not adopt|not sign|refus|pulled out|\bleft\b') THEN 0
                                   WHEN regexp_matches(c, 're-?join|\bjoined\b|\bendorsed\b|\badopted\b') THEN 1 END}),
               lambda e: e.state IS NOT NULL OR e.year IS NOT NULL) ELSE [] END AS changes
    FROM raw
)
SELECT parsed.*,
       CASE
           WHEN NOT coalesce(codes.is_country, false) THEN 'unknown country code'
           WHEN NOT codes.in_scope THEN {{ outside_country() }}
           WHEN parsed.vote_code IS NULL THEN 'unrecognised vote text'
           WHEN list_bool_or(list_transform(parsed.changes, lambda e: e.state IS NULL OR e.year IS NULL))
               THEN 'later_changes not understood'
       END AS reason
FROM parsed
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = parsed.code
