-- hr_status_op_cedaw_lac.csv: every raw row, checked (macros/un_treaty_ratification.sql).
{{ un_treaty_staged('op_cedaw') }}
