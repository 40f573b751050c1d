-- What became of each row of untc_III-6_vccr_consular_2014scrape.native.csv (macros/untc_treaty_status.sql).
{{ untc_ledger('vccr_2014') }}
