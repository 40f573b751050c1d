-- The 23 GCM objectives with short titles in three languages and the indicator that leads their page,
-- beside the official title and commitment paragraph of A/RES/73/195 with their citation (gcm-objectives;
-- English only in the source, so the es/pt official texts are NULL, and so is every official column of an
-- objective whose row was quarantined).
SELECT CAST(o.objective_id AS INTEGER) AS objective_id, o.short_en, o.short_es, o.short_pt,
       CAST(o.imrf_round_table AS INTEGER) AS imrf_round_table, o.focus = 'true' AS focus,
       nullif(o.headline_indicator, '') AS headline_indicator,
       g.official_title_en, g.official_title_es, g.official_title_pt,
       g.official_citation_en, g.official_citation_es, g.official_citation_pt,
       g.commitment_en, g.commitment_es, g.commitment_pt,
       g.commitment_citation_en, g.commitment_citation_es, g.commitment_citation_pt
FROM {{ source('staged', 'ref_objectives') }} AS o
LEFT JOIN {{ ref('int_gcm_objectives__objectives') }} AS g ON g.objective_id = CAST(o.objective_id AS INTEGER)
ORDER BY objective_id
