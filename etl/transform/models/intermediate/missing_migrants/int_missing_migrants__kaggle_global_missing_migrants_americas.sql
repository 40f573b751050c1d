-- What became of each row of kaggle_global_missing_migrants_americas.csv (macros/ledger.sql).
-- This copy dropped IOM's incident IDs: two identical rows are two incidents, so no row is a
-- duplicate, and each row is its own conflict key (its line). A quarantined row's record key is
-- its year, month and region of incident.
{{ ledger_rows(ref('stg_missing_migrants__kaggle_global_missing_migrants_americas'),
               source('missing_migrants', 'kaggle_global_missing_migrants_americas'),
               key=['Incident year', 'Reported Month', 'Region of Incident'], conflict_key=['_line'], duplicates=false) }}
