-- The indicator catalogue: names and unit in three languages, objective, kind, direction, source and licence.
CREATE TABLE dim_indicators AS
SELECT indicator_code, name_en, name_es, name_pt, unit,
       unit AS unit_en, u.unit_es, u.unit_pt,
       TRY_CAST(nullif(objective_id, '') AS INTEGER) AS objective_id,
       kind, direction, source_folder, source, licence, source_url, definition,
       nullif(caveats, '') AS caveats,
       nullif(derived_numerator, '') AS derived_numerator,
       nullif(derived_denominator, '') AS derived_denominator,
       TRY_CAST(nullif(derived_scale, '') AS DOUBLE) AS derived_scale
FROM ref_indicators
LEFT JOIN ref_units AS u USING (unit)
ORDER BY indicator_code;
