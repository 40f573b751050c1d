-- hr_status_icescr_lac.csv: every raw row, checked (macros/un_treaty_ratification.sql).
{{ un_treaty_staged('icescr') }}
