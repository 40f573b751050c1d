-- every indicator's source and licence text has its Spanish and Portuguese form (data/reference/source_texts.csv)
SELECT indicator_code, source, licence FROM {{ ref('dim_indicators') }}
WHERE source_es IS NULL OR source_pt IS NULL OR licence_es IS NULL OR licence_pt IS NULL
