-- untc_III-6_vccr_consular_2014scrape.native.csv: every raw row, checked (macros/untc_treaty_status.sql).
{{ untc_staged('vccr_2014') }}
