-- catalogue indicators with no value
-- A warning: worth saying in the summary, not a reason to keep an older warehouse.
{{ config(severity='warn') }}
SELECT * FROM {{ ref('dim_indicators') }} AS i
WHERE NOT EXISTS (SELECT 1 FROM {{ ref('fct_indicator_values') }} AS v WHERE v.indicator_code = i.indicator_code)
