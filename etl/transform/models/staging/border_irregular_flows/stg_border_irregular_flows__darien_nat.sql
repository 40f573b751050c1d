-- Darién transits by nationality (Panama SNM): every raw row with its date, count and nationality
-- parsed, and the reason it cannot be loaded (strongest first; NULL when sound). Panama published only
-- yearly totals before 2020, which gdidata stores on 1 January: those years are of kind "year".
WITH parsed AS (
    {{ bif_parsed(source('border_irregular_flows', 'darien_nat'), nat='nat') }}
)
SELECT parsed.*,
       CASE WHEN period_year <= 2019 THEN 'year' ELSE 'month' END AS period_kind,
       CASE {{ bif_reasons(nat=true) }}
           WHEN period_year <= 2019 AND period_month <> 1 THEN 'non-January date in the annual-only years'
       END AS reason
FROM parsed
