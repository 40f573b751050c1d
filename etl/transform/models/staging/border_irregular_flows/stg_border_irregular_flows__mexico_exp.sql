-- Mexico deportations and assisted returns by nationality (UPM): each return type is a flow.
WITH parsed AS (
    {{ bif_parsed(source('border_irregular_flows', 'mexico_exp'), nat='nat') }}
),
flows (label, flow_code) AS (
    VALUES ('deportation', 'mex_deportations'), ('assisted return', 'mex_assisted_returns'),
           ('assisted return of children', 'mex_assisted_returns')
)
SELECT parsed.*, flows.flow_code,
       CASE {{ bif_reasons(nat=true) }}
           WHEN flows.label IS NULL THEN 'unknown return type'
       END AS reason
FROM parsed
LEFT JOIN flows ON flows.label = parsed.type
