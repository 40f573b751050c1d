-- Missing Migrants, IOM GDI version (one row per incident, no key): every raw row with its date,
-- counts, coordinates, country of incident and nationalities read, and the reason it cannot be
-- loaded (strongest first: the most basic problem, the date, then the count; NULL when sound).
-- Blank coordinates (both) are allowed: no point on the map. A blank or pseudo country code (UNK...)
-- is a place no country can be given, not an error.
WITH raw AS (
    SELECT * FROM {{ source('missing_migrants', 'gdidata_iom_mmp_americas') }}
),
nat_texts AS (
    -- each distinct nationality text once ("SLV,GTM,MEX,UNK": thousands of rows share a few texts)
    SELECT nat, {{ mmp_code_list('nat') }} AS codes FROM (SELECT DISTINCT nat FROM raw)
),
nat_read AS (
    -- its codes, each once ("MEX,MEX" is one), and whether one is neither an ISO3 nor a pseudo code
    SELECT nat, list_filter(codes, lambda code, i: list_position(codes, code) = i) AS nat_codes,
           EXISTS (SELECT 1 FROM unnest(codes) AS t(code)
                   WHERE code NOT IN (SELECT code FROM {{ source('reference', 'ref_codes') }} WHERE is_iso3 OR is_pseudo))
               AS nat_unknown
    FROM nat_texts
),
parsed AS (
    SELECT raw.*,
           {{ mmp_parse_date('raw.t') }} AS incident_date,
           {{ parse_number('raw.dead', 'dead') }},
           {{ parse_number('raw.surv', 'surv') }},
           {{ parse_number('raw.lat', 'lat') }},
           {{ parse_number('raw.lon', 'lon') }},
           upper(raw.geo) AS geo_code,
           nat_read.nat_codes,
           nat_read.nat_unknown
    FROM raw
    JOIN nat_read USING (nat)
),
resolved AS (
    SELECT parsed.*,
           year(incident_date) < 2014 OR incident_date > current_date AS date_impossible,
           CASE WHEN len(nat_codes) > 0 THEN array_to_string(nat_codes, ';') END AS nationalities,
           len(nat_codes) AS nationality_count,
           coalesce(codes.is_iso3, false) AS geo_known,
           coalesce(codes.is_pseudo, false) AS geo_pseudo,
           coalesce(codes.in_scope, false) AS geo_in_scope
    FROM parsed
    LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = parsed.geo_code
)
SELECT *,
       CASE
           WHEN incident_date IS NULL THEN 'missing or non-ISO date'
           WHEN date_impossible THEN 'impossible date (before 2014 or in the future)'
           WHEN dead_status = 'missing' THEN 'missing dead and missing count'
           {%- for n in ['dead', 'surv'] %}
           WHEN {{ n }}_value < 0 THEN 'negative count'
           WHEN {{ n }}_value <> floor({{ n }}_value) THEN 'non-integer count'
           WHEN {{ n }}_status IN ('invalid', 'suppressed') THEN 'non-numeric count'
           {%- endfor %}
           WHEN lat_status NOT IN ('ok', 'missing') OR lon_status NOT IN ('ok', 'missing') THEN 'non-numeric coordinates'
           WHEN (lat_status = 'missing') <> (lon_status = 'missing') THEN 'incomplete coordinates (latitude or longitude blank)'
           WHEN abs(lat_value) > 90 OR abs(lon_value) > 180 THEN 'coordinates out of range'
           WHEN NOT geo_known AND NOT geo_pseudo AND geo_code <> '' THEN 'unknown country code'
           WHEN nat_unknown THEN 'unknown nationality code'
       END AS reason
FROM resolved
