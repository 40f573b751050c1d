-- months covered is between 1 and 12
SELECT * FROM {{ ref('fct_indicator_values') }}
WHERE months_covered NOT BETWEEN 1 AND 12
