-- Mexico irregular events by sex and age (UPM).
WITH parsed AS (
    {{ bif_parsed(source('border_irregular_flows', 'mexico_dmg')) }}
)
SELECT parsed.*,
       CASE {{ bif_reasons() }}
           WHEN sex NOT IN ('male', 'female')
             OR age NOT IN ('18+', '12-17', 'under 12, accompanied', 'under 12, unaccompanied') THEN 'unknown sex or age label'
       END AS reason
FROM parsed
