-- What became of each row of untc_V-3_stateless_persons_1954_2014scrape_lac.csv (macros/untc_treaty_status.sql).
{{ untc_ledger('statelessness_1954_2015') }}
