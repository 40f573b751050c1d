-- untc_XVIII-12-b_smuggling_protocol_2014scrape.native.csv: every raw row, checked (macros/untc_treaty_status.sql).
{{ untc_staged('smuggling_protocol_2014') }}
