-- Practices: every raw row with its objectives, start year and countries parsed, and the reason it
-- cannot be loaded (strongest first; NULL when sound).
--   gcm_objectives: "4;5;7", the first the main one; each a whole number 1-23.
--   year_start: a year, or blank / "unverified" (kept as unknown on purpose).
--   countries_iso3: a small grammar (`COL`, `MEX;GTM`, `regional: A; B`, `BRA (beneficiaries: HTI)`,
--   `MEX (operating in USA)`...). Codes in the main list implement the practice ("member" after
--   `regional:`); codes in parentheses take their role from the words before them. A list cut short
--   ("DOM...") keeps its codes; a regional row may name a body instead ("regional: OAS / IACHR").
WITH raw AS (
    SELECT * FROM {{ source('practices_factsheet', 'practice_rows') }}
),
split AS (
    SELECT raw.*,
           regexp_matches(countries_iso3, '(?i)^regional\s*:') AS regional,
           CASE WHEN regional THEN substr(countries_iso3, strpos(countries_iso3, ':') + 1) ELSE countries_iso3 END AS listed,
           list_filter(list_transform(string_split(regexp_replace(listed, '\([^()]*\)', ' ', 'g'), ';'),
                                      lambda i: trim(rtrim(trim(i), '.…'))), lambda i: i <> '') AS items,
           list_transform(items, lambda i: regexp_full_match(i, '[A-Za-z]{3}')) AS code_like,
           list_filter(regexp_extract_all(listed, '\(([^()]*)\)', 1),
                       lambda p: len(regexp_extract_all(p, '\b[A-Z]{3}\b')) > 0) AS parens,
           list_filter(list_transform(string_split(gcm_objectives, ';'), lambda o: trim(o)), lambda o: o <> '') AS objective_parts,
           list_transform(objective_parts, lambda o: {{ to_double('o') }}) AS objective_numbers
    FROM raw
),
parsed AS (
    SELECT *,
           len(items) > 0 AND list_bool_and(code_like) AS all_codes,
           NOT all_codes AND (coalesce(list_bool_or(code_like), false) OR (len(items) > 0 AND NOT regional)) AS unreadable,
           list_concat(
               CASE WHEN all_codes THEN list_transform(items, lambda i: {'code': upper(i),
                   'role': CASE WHEN regional THEN 'member' ELSE 'implementer' END}) ELSE [] END,
               flatten(list_transform(parens, lambda p: list_transform(regexp_extract_all(p, '\b[A-Z]{3}\b'), lambda c: {'code': c,
                   'role': {{ paren_role("lower(trim(rtrim(trim(substr(p, 1, strpos(p, regexp_extract(p, '\\b[A-Z]{3}\\b')) - 1)), ':')))") }}})))
           ) AS pairs
    FROM split
),
countries AS (
    SELECT _line, pair.code AS country_iso3, pair.role,
           row_number() OVER (PARTITION BY _line, pair.code ORDER BY ordinal) AS nth
    FROM (SELECT _line, unnest(pairs) AS pair, generate_subscripts(pairs, 1) AS ordinal FROM parsed WHERE NOT unreadable)
),
checked_countries AS (
    SELECT c._line,
           bool_or(NOT coalesce(codes.is_country, false) AND coalesce(codes.is_pseudo, false)) AS pseudo,
           bool_or(NOT coalesce(codes.is_country, false)) AS unknown,
           list(struct_pack(country_iso3, role) ORDER BY c.country_iso3) FILTER (WHERE nth = 1) AS country_roles,
           count(*) FILTER (WHERE nth = 1 AND role = 'implementer') AS implementers
    FROM countries AS c
    LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = c.country_iso3
    GROUP BY c._line
)
SELECT parsed.* EXCLUDE (items, code_like, parens, all_codes, pairs, objective_parts),
       {{ parse_year('parsed.year_start', 1900) }} AS start_year,
       coalesce(cc.country_roles, []) AS country_roles,
       CASE WHEN parsed.regional OR coalesce(cc.implementers, 0) > 1 THEN 'regional'
            WHEN contains(parsed.actor_type, 'government (subnational)') THEN 'subnational'
            ELSE 'national' END AS level,
       CASE
           WHEN NOT regexp_full_match(parsed.id, 'P\d{2,}') THEN 'bad practice id (expected P01, P02...)'
           WHEN parsed.short_name = '' THEN 'missing short_name (title)'
           WHEN len(parsed.objective_parts) = 0 THEN 'no GCM objective'
           WHEN NOT list_bool_and(list_transform(parsed.objective_numbers,
                                                 lambda n: n IS NOT NULL AND n = round(n) AND n BETWEEN 1 AND 23))
               THEN 'GCM objective number outside 1-23 or not a number'
           WHEN parsed.unreadable THEN 'unreadable countries_iso3 list'
           WHEN cc._line IS NULL AND NOT parsed.regional THEN 'no country in countries_iso3'
           WHEN cc.pseudo THEN 'pseudo-code in countries_iso3: no country to attribute to'
           WHEN cc.unknown THEN 'unknown country code in countries_iso3'
           WHEN {{ parse_year('parsed.year_start', 1900) }} IS NULL AND lower(parsed.year_start) NOT IN ('', 'unverified')
               THEN 'impossible or non-numeric year_start'
       END AS reason
FROM parsed
LEFT JOIN checked_countries AS cc USING (_line)
