-- every value has a source and a licence
SELECT * FROM {{ ref('fct_indicator_values') }}
WHERE coalesce(source, '') = '' OR coalesce(licence, '') = ''
