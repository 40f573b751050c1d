-- hr_status_op_crc_ac_lac.csv: every raw row, checked (macros/un_treaty_ratification.sql).
{{ un_treaty_staged('op_crc_ac') }}
