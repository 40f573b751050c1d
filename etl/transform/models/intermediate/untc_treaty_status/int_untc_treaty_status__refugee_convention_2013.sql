-- What became of each row of untc_V-2_refugee_convention_1951_2014scrape_lac.csv (macros/untc_treaty_status.sql).
{{ untc_ledger('refugee_convention_2013') }}
