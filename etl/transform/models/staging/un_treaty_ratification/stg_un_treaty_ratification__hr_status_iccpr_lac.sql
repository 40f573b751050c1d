-- hr_status_iccpr_lac.csv: every raw row, checked (macros/un_treaty_ratification.sql).
{{ un_treaty_staged('iccpr') }}
