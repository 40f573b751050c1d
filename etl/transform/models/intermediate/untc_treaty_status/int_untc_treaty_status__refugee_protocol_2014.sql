-- What became of each row of untc_V-5_refugee_protocol_1967_2014scrape_lac.csv (macros/untc_treaty_status.sql).
{{ untc_ledger('refugee_protocol_2014') }}
