-- Each loaded practice's objectives in the order listed (the first is primary; "4;4" tags 4 once), with
-- its part of objective_rationale ("4: ...; 5: ..."; "14/21: ..." explains both; the first part wins).
WITH objectives AS (
    SELECT id, objective_rationale, CAST(number AS BIGINT) AS objective_id, ordinal
    FROM (SELECT id, objective_rationale, unnest(objective_numbers) AS number, generate_subscripts(objective_numbers, 1) AS ordinal
          FROM {{ ref('int_practices_factsheet__practice_rows') }} WHERE _status = 'loaded')
    QUALIFY row_number() OVER (PARTITION BY id, objective_id ORDER BY ordinal) = 1
),
marks AS (
    SELECT id, mark, regexp_split_to_array(objective_rationale, '(?:^|;)\s*\d{1,2}(?:\s*/\s*\d{1,2})*\s*:\s*')[mark + 1] AS part,
           regexp_extract_all(objective_rationale, '(?:^|;)\s*(\d{1,2}(?:\s*/\s*\d{1,2})*)\s*:\s*', 1)[mark] AS numbers
    FROM (SELECT DISTINCT id, objective_rationale FROM objectives),
         LATERAL (SELECT unnest(range(1, len(regexp_extract_all(objective_rationale,
                  '(?:^|;)\s*(\d{1,2}(?:\s*/\s*\d{1,2})*)\s*:\s*', 1)) + 1)) AS mark)
),
rationales AS (
    SELECT id, CAST(trim(number) AS BIGINT) AS objective_id, arg_min(trim(rtrim(trim(part), ';')), mark) AS rationale
    FROM (SELECT id, mark, part, unnest(regexp_split_to_array(numbers, '\s*/\s*')) AS number FROM marks)
    GROUP BY ALL
)
SELECT o.id AS practice_id, o.objective_id,
       row_number() OVER (PARTITION BY o.id ORDER BY o.ordinal) = 1 AS is_primary, r.rationale
FROM objectives AS o
LEFT JOIN rationales AS r USING (id, objective_id)
ORDER BY practice_id, o.ordinal
