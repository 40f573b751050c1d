-- every indicator names its source and licence
SELECT * FROM {{ ref('dim_indicators') }}
WHERE coalesce(source, '') = '' OR coalesce(licence, '') = ''
