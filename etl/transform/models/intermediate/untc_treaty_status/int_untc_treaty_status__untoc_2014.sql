-- What became of each row of untc_XVIII-12_untoc_2014scrape_lac.csv (macros/untc_treaty_status.sql).
{{ untc_ledger('untoc_2014') }}
