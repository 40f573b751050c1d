-- Honduras irregular arrivals by nationality (INM).
WITH parsed AS (
    {{ bif_parsed(source('border_irregular_flows', 'honduras_nat'), nat='nat') }}
)
SELECT parsed.*,
       CASE {{ bif_reasons(nat=true) }}
       END AS reason
FROM parsed
