-- incident coordinates are on the globe
SELECT * FROM {{ ref('fct_incidents') }}
WHERE NOT (latitude BETWEEN -90 AND 90) OR NOT (longitude BETWEEN -180 AND 180)
