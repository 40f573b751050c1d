-- Every input row a build could not load, with its file, line, key, raw values and the reason.
SELECT source, source_file, CAST(line AS INTEGER) AS line, record_key, raw_values, reason
FROM {{ ref('int_ledger') }}
WHERE status = 'quarantined'
ORDER BY source, source_file, line NULLS LAST
