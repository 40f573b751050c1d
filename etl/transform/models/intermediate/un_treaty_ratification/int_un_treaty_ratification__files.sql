-- What became of each row of every treaty's file, hr_status_<treaty>_lac.csv, with its file in `_file`
-- (macros/un_treaty_ratification.sql): one model for the 18 files, which share their checks.
{{ un_treaty_ledger() }}
