-- One row per country, treaty and as-of date: each file's status on the day it was taken
-- (status_as_of), never more recent. A country the dashboard covers that a table does not list had
-- taken no action by then (UNTC lists every participant that has signed or ratified): it gets a
-- "no action" row, unless one of the file's rows could not be told apart (a quarantined row about
-- that country, or an unknown participant name that might be it).
WITH listed AS (
    SELECT country_iso3, treaty_code, status_as_of, source_file, reason, _status AS status, state_party, signatory,
           ratification_year
    FROM {{ ref('int_untc_treaty_status__files') }}
),
files AS (
    SELECT treaty_code, status_as_of, source_file,
           count(*) FILTER (WHERE reason = 'unknown participant name') AS unknown_names
    FROM listed GROUP BY ALL
),
absent AS (
    SELECT codes.code AS country_iso3, files.treaty_code, files.status_as_of, files.source_file
    FROM files
    CROSS JOIN {{ source('reference', 'ref_codes') }} AS codes
    WHERE codes.in_scope AND files.unknown_names = 0
      AND NOT EXISTS (SELECT 1 FROM listed
                      WHERE listed.source_file = files.source_file AND listed.country_iso3 = codes.code)
)
SELECT country_iso3, treaty_code,
       CASE WHEN state_party THEN 'state party' ELSE 'signatory state' END AS status,
       state_party, signatory, ratification_year, year(status_as_of)::BIGINT AS status_year,
       NULL::VARCHAR AS note, source_file, status_as_of
FROM listed
WHERE status = 'loaded'
UNION ALL
SELECT country_iso3, treaty_code, 'no action' AS status, false AS state_party, false AS signatory,
       NULL::BIGINT AS ratification_year, year(status_as_of)::BIGINT AS status_year, NULL::VARCHAR AS note,
       source_file, status_as_of
FROM absent
