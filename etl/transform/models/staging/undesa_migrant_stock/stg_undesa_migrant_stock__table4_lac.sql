-- Table 4 of UN DESA's 2020 revision (female migrants as a percentage of the migrant stock): every raw
-- row, with its M49 location code resolved to a country, each year's share parsed (share<i>_status,
-- share<i>_value for the i-th "<block title> | <year>" column), and the reason it cannot be loaded
-- (strongest first; NULL when sound). World, regions and development groups (M49 900 and above, or
-- any code that names no country) are aggregates. `..` is a missing cell, not a bad row.
{%- set shares = desa_share_columns(source('undesa_migrant_stock', 'table4_lac')) %}
WITH raw AS (
    SELECT * FROM {{ source('undesa_migrant_stock', 'table4_lac') }}
),
parsed AS (
    SELECT raw.*,
           -- as pandas' to_numeric reads it: "1_000" and "nan" are not numbers
           CASE WHEN NOT contains(raw."Location code", '_') THEN TRY_CAST(raw."Location code" AS DOUBLE) END
               AS location_number,
           {%- for column, year in shares %}
           {{ parse_number('raw.' ~ adapter.quote(column), 'share' ~ loop.index) }},
           {%- endfor %}
    FROM raw
),
located AS (
    SELECT parsed.*,
           coalesce(NOT isnan(location_number) AND location_number = round(location_number), false) AS location_whole
    FROM parsed
)
SELECT located.*,
       m49.iso3 AS country_iso3,
       CASE
           WHEN NOT location_whole THEN 'missing or non-numeric location code'
           WHEN location_number >= 900 OR m49.iso3 IS NULL THEN 'region aggregate, not a country'
           WHEN NOT codes.in_scope THEN {{ outside_country() }}
           WHEN {{ desa_any_share(shares | length, "share{i}_status IN ('invalid', 'suppressed')") }}
               THEN 'non-numeric value'
           WHEN {{ desa_any_share(shares | length, "coalesce(share{i}_value < 0 OR share{i}_value > 100, false)") }}
               THEN 'percentage outside 0-100'
           WHEN NOT {{ desa_any_share(shares | length, "share{i}_status = 'ok'") }} THEN 'no value in any year'
       END AS reason
FROM located
LEFT JOIN {{ source('reference', 'ref_m49') }} AS m49 ON location_whole AND m49.m49 = location_number
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = m49.iso3
