-- a value is missing only when it is suppressed (censored)
SELECT * FROM {{ ref('fct_indicator_values') }}
WHERE (value IS NULL OR isnan(value)) AND coalesce(value_flag, '') <> 'suppressed'
