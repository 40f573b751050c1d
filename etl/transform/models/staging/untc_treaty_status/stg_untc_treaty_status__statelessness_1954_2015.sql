-- untc_V-3_stateless_persons_1954_2014scrape_lac.csv: every raw row, checked (macros/untc_treaty_status.sql).
{{ untc_staged('statelessness_1954_2015') }}
