-- untc_V-4_reduction_statelessness_1961_2014scrape_lac.csv: every raw row, checked (macros/untc_treaty_status.sql).
{{ untc_staged('statelessness_1961_2015') }}
