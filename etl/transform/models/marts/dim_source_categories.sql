-- Categorical values as the sources write them (kind, source_text) with the label readers see in
-- en/es/pt: Missing Migrants cause of death and route, GLOTIP forms of exploitation, sex and age.
SELECT kind, source_text, label_en, label_es, label_pt
FROM {{ source('staged', 'ref_categories') }}
ORDER BY kind, source_text
