-- every indicator's unit is translated
SELECT * FROM {{ ref('dim_indicators') }}
WHERE coalesce(unit_es, '') = '' OR coalesce(unit_pt, '') = ''
