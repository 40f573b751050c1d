-- desa_migrant_stock per destination and desa_emigrant_stock per origin (the 2024 file summed over
-- origins, or destinations, and both sexes), and desa_female_migrants_pct per country and year (table 4).
-- Origin-sex pairs DESA left out mean "insufficient data": they are simply not in the sums; a missing
-- share (`..`) is simply absent for that country and year.
{%- set shares = desa_share_columns(source('undesa_migrant_stock', 'table4_lac')) %}
WITH stocks AS (
    SELECT * FROM {{ ref('int_undesa_migrant_stock__gdidata_undesa_stocks_2024_lac') }} WHERE _status = 'loaded'
),
female_share AS (
    SELECT * FROM {{ ref('int_undesa_migrant_stock__table4_lac') }} WHERE _status = 'loaded'
),
figures AS (
    SELECT geo_code AS country_iso3, 'desa_migrant_stock' AS indicator_code, stock_year AS year,
           sum(n_value) AS value, 'gdidata_undesa_stocks_2024_lac.csv' AS source_file
    FROM stocks WHERE geo_in_scope GROUP BY ALL
    UNION ALL
    SELECT from_code AS country_iso3, 'desa_emigrant_stock' AS indicator_code, stock_year AS year,
           sum(n_value) AS value, 'gdidata_undesa_stocks_2024_lac.csv' AS source_file
    FROM stocks WHERE from_lac GROUP BY ALL
    {%- for column, year in shares %}
    UNION ALL
    SELECT country_iso3, 'desa_female_migrants_pct' AS indicator_code, CAST({{ year }} AS BIGINT) AS year,
           share{{ loop.index }}_value AS value, 'table4_lac.csv' AS source_file
    FROM female_share WHERE share{{ loop.index }}_value IS NOT NULL
    {%- endfor %}
)
SELECT country_iso3, indicator_code, year, value,
       NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered, source_file
FROM figures
