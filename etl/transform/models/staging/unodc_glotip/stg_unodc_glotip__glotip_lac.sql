-- GLOTIP, what LAC countries report: every raw row with its measure, year and count parsed, and the
-- reason it cannot be loaded (strongest first: the most basic problem is the one reported; NULL
-- when sound). Codes are taken as written: a lower-case "arg" is not a code GLOTIP uses.
WITH parsed AS (
    {{ unodc_glotip_parsed(source('unodc_glotip', 'glotip_lac')) }}
)
SELECT parsed.*,
       -- the overall figure is the row that is "Total" on every disaggregation; the others are breakdowns
       parsed."Dimension" = 'Total' AND parsed."Category" = 'Total' AND parsed."Sex" = 'Total' AND parsed."Age" = 'Total'
           AS is_total,
       CASE
           WHEN codes.is_pseudo THEN 'pseudo-code: no country to attribute to'
           WHEN NOT coalesce(codes.is_iso3, false) THEN 'unknown country code'
           WHEN NOT codes.in_scope THEN {{ outside_country() }}
           {{ unodc_glotip_figure_reasons() }}
           WHEN parsed."Dimension" NOT IN ('Total', 'by form of exploitation', 'by citizenship', 'by country of repatriation')
               THEN 'unknown dimension'
           -- a sub-total nobody can label (9 rows in the 2023 file) cannot be shown next to the others
           WHEN parsed."Category" = '' THEN 'breakdown row without a category'
       END AS reason
FROM parsed
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = parsed."Iso3_code"
