-- untc_IV-13_icmw_2023_lac.csv: every raw row, checked (macros/untc_treaty_status.sql).
{{ untc_staged('icmw_2023') }}
