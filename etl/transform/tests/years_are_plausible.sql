-- years are plausible
SELECT * FROM {{ ref('fct_indicator_values') }}
WHERE year < 1900 OR year > year(current_date) + 1
