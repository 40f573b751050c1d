-- The 35 countries with names, subregion, peer groups and a label point for maps (from their polygon).
SELECT
    c.country_iso3, c.iso2, c.m49,
    c.name_en, c.name_es, c.name_pt, c.name_fr,
    c.subregion_code, s.name_en AS subregion_en, s.name_es AS subregion_es, s.name_pt AS subregion_pt,
    c.in_lac33,
    coalesce(list_sort(list(m.group_code) FILTER (WHERE m.group_code IS NOT NULL)), []) AS peer_groups,
    shapes.label_lat, shapes.label_lon
FROM {{ source('staged', 'ref_countries') }} AS c
LEFT JOIN {{ source('staged', 'ref_subregions') }} AS s USING (subregion_code)
LEFT JOIN {{ source('staged', 'ref_peer_group_members') }} AS m USING (country_iso3)
LEFT JOIN {{ ref('int_natural_earth_boundaries__shapes') }} AS shapes USING (country_iso3)
GROUP BY ALL
ORDER BY c.country_iso3
