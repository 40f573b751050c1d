-- What became of each row of untc_XVIII-12-a_trafficking_protocol_2023.native.csv (macros/untc_treaty_status.sql).
{{ untc_ledger('trafficking_protocol_2023') }}
