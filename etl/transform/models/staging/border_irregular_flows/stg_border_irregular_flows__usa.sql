-- US Southwest border encounters (CBP) by component, area, authority, type, demographic and
-- nationality. A blank nationality is CBP's format before Oct 2019 (totals without nationality):
-- such rows count in the total.
WITH parsed AS (
    {{ bif_parsed(source('border_irregular_flows', 'usa'), nat='nat') }}
)
SELECT parsed.*,
       CASE {{ bif_reasons(nat=true, blank_nat_ok=true) }}
       END AS reason
FROM parsed
