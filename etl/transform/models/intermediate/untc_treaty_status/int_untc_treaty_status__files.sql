-- What became of each row of every participation table, with its file in `_file`
-- (macros/untc_treaty_status.sql): one model for the 10 files, which share their checks.
{{ untc_ledger() }}
