-- The official title and commitment paragraph of each objective, in the languages the source has
-- (English only: the es/pt columns stay NULL rather than hold a translation of our own), with
-- where they stand in A/RES/73/195's annex: paragraph 16 lists the 23 titles, and objective n's
-- commitment is paragraph 16 + n.
SELECT objective_id,
       trim(title) AS official_title_en, NULL::VARCHAR AS official_title_es, NULL::VARCHAR AS official_title_pt,
       'A/RES/73/195, annex, para. 16' AS official_citation_en,
       'A/RES/73/195, anexo, párr. 16' AS official_citation_es,
       'A/RES/73/195, anexo, par. 16' AS official_citation_pt,
       nullif(trim(commitment_text), '') AS commitment_en, NULL::VARCHAR AS commitment_es, NULL::VARCHAR AS commitment_pt,
       'A/RES/73/195, annex, para. ' || (16 + objective_id) AS commitment_citation_en,
       'A/RES/73/195, anexo, párr. ' || (16 + objective_id) AS commitment_citation_es,
       'A/RES/73/195, anexo, par. ' || (16 + objective_id) AS commitment_citation_pt
FROM {{ ref('int_gcm_objectives__gcm_objectives') }}
WHERE _status = 'loaded'
