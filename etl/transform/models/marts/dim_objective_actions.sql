-- The lettered actions under each GCM objective (A/RES/73/195, annex), English only in the source
-- (action_es, action_pt NULL), with their citation in three languages.
SELECT objective_id, action_letter, action_en, action_es, action_pt, citation_en, citation_es, citation_pt
FROM {{ ref('int_gcm_objectives__objective_actions') }}
ORDER BY objective_id, action_letter
