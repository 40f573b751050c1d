-- What became of each row of untc_V-4_reduction_statelessness_1961_2014scrape_lac.csv (macros/untc_treaty_status.sql).
{{ untc_ledger('statelessness_1961_2015') }}
