-- untc_XVIII-12-a_trafficking_protocol_2023.native.csv: every raw row, checked (macros/untc_treaty_status.sql).
{{ untc_staged('trafficking_protocol_2023') }}
