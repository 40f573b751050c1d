-- every indicator's definition and caveats are translated (es, pt) where English has them
SELECT * FROM {{ ref('dim_indicators') }}
WHERE (coalesce(definition_en, '') <> '' AND (coalesce(definition_es, '') = '' OR coalesce(definition_pt, '') = ''))
   OR (coalesce(caveats_en, '') <> '' AND (coalesce(caveats_es, '') = '' OR coalesce(caveats_pt, '') = ''))
