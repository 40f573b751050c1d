-- Honduras irregular arrivals, all nationalities (INM monthly total).
WITH parsed AS (
    {{ bif_parsed(source('border_irregular_flows', 'honduras')) }}
)
SELECT parsed.*,
       CASE {{ bif_reasons() }}
       END AS reason
FROM parsed
