-- What became of each row of untc_XVIII-12-b_smuggling_protocol_2014scrape.native.csv (macros/untc_treaty_status.sql).
{{ untc_ledger('smuggling_protocol_2014') }}
