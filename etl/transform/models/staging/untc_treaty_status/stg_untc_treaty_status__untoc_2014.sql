-- untc_XVIII-12_untoc_2014scrape_lac.csv: every raw row, checked (macros/untc_treaty_status.sql).
{{ untc_staged('untoc_2014') }}
