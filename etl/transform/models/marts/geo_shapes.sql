-- Natural Earth country polygons, simplified for the web.
SELECT shape_code, country_iso3, name, subregion, geometry, source_file
FROM {{ source('staged', 'stg_shapes') }}
ORDER BY shape_code
