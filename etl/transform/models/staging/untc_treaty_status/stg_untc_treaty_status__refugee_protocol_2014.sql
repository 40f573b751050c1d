-- untc_V-5_refugee_protocol_1967_2014scrape_lac.csv: every raw row, checked (macros/untc_treaty_status.sql).
{{ untc_staged('refugee_protocol_2014') }}
