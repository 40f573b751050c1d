-- The GDI file's loaded incident records. The id is the first 12 hex digits of the sha1 of the raw
-- row's values joined by the unit separator, plus -n for the n-th later row with the same digest
-- (in file order): the same ids every build. Incidents outside the dashboard's countries stay on
-- the map but count for no country. A few points sit in Asia or the Middle East (longitude sign
-- dropped, digits mangled) although the country and place are American: the deaths count, the
-- point is not drawn (outside the Americas: Aleutians to Cape Horn, Atlantic seaboard + 1,000 km).
{%- set raw = source('missing_migrants', 'gdidata_iom_mmp_americas') %}
{%- set columns = [] %}
{%- for c in adapter.get_columns_in_relation(raw) if not c.name.startswith('_') %}
  {%- do columns.append(adapter.quote(c.name)) %}
{%- endfor %}
WITH loaded AS (
    SELECT *,
           left(sha1(concat_ws(chr(31){% for c in columns %}, {{ c }}{% endfor %})), 12) AS digest,
           lat_value BETWEEN -60.0 AND 85.0 AND lon_value BETWEEN -180.0 AND -25.0 AS plausible
    FROM {{ ref('int_missing_migrants__gdidata_iom_mmp_americas') }}
    WHERE _status = 'loaded'
),
numbered AS (
    SELECT *, row_number() OVER (PARTITION BY digest ORDER BY _line) - 1 AS occurrence FROM loaded
)
SELECT CASE WHEN occurrence = 0 THEN digest ELSE digest || '-' || occurrence END AS incident_id,
       incident_date,
       year(incident_date) AS year,
       month(incident_date) AS month,
       nullif("type", '') AS incident_type,
       CASE WHEN geo_in_scope THEN geo_code END AS country_iso3,
       nullif(route, '') AS route,
       nullif(cause, '') AS cause,
       dead_value AS dead_and_missing,
       surv_value AS survivors,
       nationalities,
       nullif("location", '') AS location,
       CASE WHEN plausible THEN lat_value END AS latitude,
       CASE WHEN plausible THEN lon_value END AS longitude,
       'gdidata_iom_mmp_americas.csv' AS source_file,
       _line AS source_line
FROM numbered
ORDER BY source_line  -- file order, as the records come
