-- Mexico irregular events by nationality (UPM).
WITH parsed AS (
    {{ bif_parsed(source('border_irregular_flows', 'mexico_nat'), nat='nat') }}
)
SELECT parsed.*,
       CASE {{ bif_reasons(nat=true) }}
       END AS reason
FROM parsed
