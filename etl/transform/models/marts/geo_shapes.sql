-- Natural Earth country polygons, simplified for the web.
SELECT shape_code, country_iso3, name, subregion, geometry, source_file
FROM {{ ref('int_natural_earth_boundaries__shapes') }}
ORDER BY shape_code
