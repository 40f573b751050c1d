-- Natural Earth features: every raw row, with the reason it cannot be drawn (strongest first; NULL
-- when sound). Features are joined on ADM0_A3, never ISO_A3 (Natural Earth sets ISO_A3 = -99 for
-- France and Norway); a territory (PRI, GRL, ABW...) is sound and drawn as background land.
SELECT *,
       CASE WHEN "ADM0_A3" IN ('', '-99', 'None') THEN 'missing ADM0_A3'
            ELSE _problem END AS reason
FROM {{ source('natural_earth_boundaries', 'ne_50m_admin_0_countries_americas') }}
