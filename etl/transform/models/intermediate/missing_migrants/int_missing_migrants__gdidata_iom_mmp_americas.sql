-- What became of each row of gdidata_iom_mmp_americas.csv (macros/ledger.sql). Incident records
-- have no ID: two identical rows are two incidents (IOM's own export, which has IDs, keeps such
-- records apart), so no row is a duplicate, and each row is its own conflict key (its line).
-- A quarantined row's record key is its date, country and place.
{{ ledger_rows(ref('stg_missing_migrants__gdidata_iom_mmp_americas'),
               source('missing_migrants', 'gdidata_iom_mmp_americas'),
               key=['t', 'geo', 'location'], conflict_key=['_line'], duplicates=false) }}
