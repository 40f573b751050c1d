-- untc_V-2_refugee_convention_1951_2014scrape_lac.csv: every raw row, checked (macros/untc_treaty_status.sql).
{{ untc_staged('refugee_convention_2013') }}
