-- The indicator catalogue: names, unit, definition and caveats in three languages, objective, kind, direction, source and licence.
SELECT indicator_code, name_en, name_es, name_pt, unit,
       unit AS unit_en, u.unit_es, u.unit_pt,
       TRY_CAST(nullif(objective_id, '') AS INTEGER) AS objective_id,
       kind, direction, source_folder, source, licence, source_url, definition,
       definition AS definition_en, definition_es, definition_pt,
       nullif(caveats, '') AS caveats,
       nullif(caveats, '') AS caveats_en, nullif(caveats_es, '') AS caveats_es,
       nullif(caveats_pt, '') AS caveats_pt,
       nullif(derived_numerator, '') AS derived_numerator,
       nullif(derived_denominator, '') AS derived_denominator,
       TRY_CAST(nullif(derived_scale, '') AS DOUBLE) AS derived_scale
FROM {{ source('staged', 'ref_indicators') }}
LEFT JOIN {{ source('staged', 'ref_units') }} AS u USING (unit)
ORDER BY indicator_code
