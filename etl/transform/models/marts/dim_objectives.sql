-- The 23 GCM objectives with short titles in three languages and the indicator that leads their page.
SELECT CAST(objective_id AS INTEGER) AS objective_id, short_en, short_es, short_pt,
       CAST(imrf_round_table AS INTEGER) AS imrf_round_table, focus = 'true' AS focus,
       nullif(headline_indicator, '') AS headline_indicator
FROM {{ source('staged', 'ref_objectives') }}
ORDER BY objective_id
