-- hr_status_icmw_lac.csv: every raw row, checked (macros/un_treaty_ratification.sql).
{{ un_treaty_staged('icmw') }}
