-- a value derived from a treaty status is never for a year after the status was taken
SELECT * FROM {{ ref('fct_indicator_values') }}
WHERE status_as_of IS NOT NULL AND year > year(status_as_of)
