-- The indicator catalogue: names, unit, definition, caveats, source and licence in three languages, objective, kind, direction.
-- is_count: the unit counts people or events (units.csv), so pages rank it by size, never as better or worse.
SELECT indicator_code, name_en, name_es, name_pt, unit,
       unit AS unit_en, u.unit_es, u.unit_pt,
       CASE u.is_count WHEN 'true' THEN true WHEN 'false' THEN false END AS is_count,
       TRY_CAST(nullif(objective_id, '') AS INTEGER) AS objective_id,
       kind, direction, source_folder, source, licence, source_url, definition,
       source AS source_en, nullif(s.text_es, '') AS source_es, nullif(s.text_pt, '') AS source_pt,
       licence AS licence_en, nullif(l.text_es, '') AS licence_es, nullif(l.text_pt, '') AS licence_pt,
       definition AS definition_en, definition_es, definition_pt,
       nullif(caveats, '') AS caveats,
       nullif(caveats, '') AS caveats_en, nullif(caveats_es, '') AS caveats_es,
       nullif(caveats_pt, '') AS caveats_pt,
       nullif(derived_numerator, '') AS derived_numerator,
       nullif(derived_denominator, '') AS derived_denominator,
       TRY_CAST(nullif(derived_scale, '') AS DOUBLE) AS derived_scale
FROM {{ source('staged', 'ref_indicators') }}
LEFT JOIN {{ source('staged', 'ref_units') }} AS u USING (unit)
LEFT JOIN {{ source('staged', 'ref_source_texts') }} AS s ON s.text_en = source
LEFT JOIN {{ source('staged', 'ref_source_texts') }} AS l ON l.text_en = licence
ORDER BY indicator_code
