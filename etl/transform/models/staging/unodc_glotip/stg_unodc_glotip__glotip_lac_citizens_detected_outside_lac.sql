-- GLOTIP, what non-LAC countries report about citizens of LAC countries: every raw row with its
-- citizenship country resolved from its name (Category), measure, year and count parsed, and the
-- reason it cannot be loaded (strongest first; NULL when sound). Reporting codes are taken as
-- written: non-LAC reporters may carry codes that are no ISO code ("Aruba/Curacao").
WITH parsed AS (
    {{ unodc_glotip_parsed(source('unodc_glotip', 'glotip_lac_citizens_detected_outside_lac')) }}
)
SELECT parsed.*,
       names.iso3 AS citizenship_iso3,
       CASE
           WHEN parsed."Iso3_code" = '' THEN 'missing reporting country'
           WHEN reporters.is_pseudo THEN 'pseudo-code: no reporting country to attribute to'
           WHEN reporters.in_lac33 THEN 'reporting country is in LAC, not abroad'
           WHEN parsed."Category" = '' THEN 'missing citizenship country'
           WHEN names.iso3 IS NULL THEN 'unknown citizenship country name'
           WHEN NOT coalesce(citizenships.in_scope, false) THEN {{ unodc_glotip_outside_citizenship() }}
           {{ unodc_glotip_figure_reasons() }}
           WHEN parsed."Dimension" NOT IN ('by citizenship', 'by country of repatriation') THEN 'unknown dimension'
       END AS reason
FROM parsed
LEFT JOIN {{ source('reference', 'ref_codes') }} AS reporters ON reporters.code = parsed."Iso3_code"
LEFT JOIN {{ source('reference', 'ref_country_names') }} AS names ON names.name = parsed."Category"
LEFT JOIN {{ source('reference', 'ref_codes') }} AS citizenships ON citizenships.code = names.iso3
