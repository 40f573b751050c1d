-- every suppressed value has an upper bound
SELECT * FROM {{ ref('fct_indicator_values') }}
WHERE value_flag = 'suppressed' AND upper_bound IS NULL
