-- One simplified shape per loaded feature; country_iso3 only for the dashboard's countries.
SELECT f."ADM0_A3" AS shape_code,
       CASE WHEN codes.in_scope THEN f."ADM0_A3" END AS country_iso3,
       f."NAME" AS name, nullif(f."SUBREGION", '') AS subregion, f._simplified AS geometry,
       f._label_lat AS label_lat, f._label_lon AS label_lon,
       'ne_50m_admin_0_countries_americas.geojson' AS source_file
FROM {{ ref('int_natural_earth_boundaries__ne_50m_admin_0_countries_americas') }} AS f
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = f."ADM0_A3"
WHERE f._status = 'loaded'
