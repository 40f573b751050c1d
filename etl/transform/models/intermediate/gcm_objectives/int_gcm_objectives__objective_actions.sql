-- The actions under each objective (English only, a convenience copy: not checked letter by letter
-- against the resolution), each cited as its commitment paragraph and letter.
SELECT objective_id, action_letter,
       action_text_clean AS action_en, NULL::VARCHAR AS action_es, NULL::VARCHAR AS action_pt,
       'A/RES/73/195, annex, para. ' || (16 + objective_id) || ' (' || action_letter || ')' AS citation_en,
       'A/RES/73/195, anexo, párr. ' || (16 + objective_id) || ' (' || action_letter || ')' AS citation_es,
       'A/RES/73/195, anexo, par. ' || (16 + objective_id) || ' (' || action_letter || ')' AS citation_pt
FROM {{ ref('int_gcm_objectives__gcm_objective_actions') }}
WHERE _status = 'loaded'
