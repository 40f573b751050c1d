-- Per input file: rows read, loaded, quarantined, exact duplicates and outside the scope, with the reasons.
-- Rows read are counted by the landing (raw_files), so a row no model accounts for shows.
WITH counted AS (
    SELECT source, source_file, status, reason, count(*) AS n FROM {{ ref('int_ledger') }} GROUP BY ALL
),
files AS (
    SELECT f.source, f.source_file, f.rows_read,
           coalesce(sum(n) FILTER (WHERE status = 'loaded'), 0) AS rows_loaded,
           coalesce(sum(n) FILTER (WHERE status = 'quarantined'), 0) AS rows_quarantined,
           coalesce(sum(n) FILTER (WHERE status = 'duplicate'), 0) AS rows_duplicate,
           coalesce(sum(n) FILTER (WHERE status = 'outside'), 0) AS rows_out_of_scope,
           {{ reason_counts("status = 'quarantined'") }} AS quarantine_reasons,
           {{ reason_counts("status = 'outside'") }} AS out_of_scope_reasons
    FROM {{ source('staged', 'raw_files') }} AS f
    LEFT JOIN counted AS c USING (source, source_file)
    GROUP BY ALL
)
SELECT source, source_file, CAST(rows_read AS BIGINT) AS rows_read,
       CAST(rows_loaded AS BIGINT) AS rows_loaded,
       CAST(rows_quarantined AS BIGINT) AS rows_quarantined,
       CAST(rows_duplicate AS BIGINT) AS rows_duplicate,
       CAST(rows_out_of_scope AS BIGINT) AS rows_out_of_scope,
       quarantine_reasons, out_of_scope_reasons
FROM files
ORDER BY source, source_file
