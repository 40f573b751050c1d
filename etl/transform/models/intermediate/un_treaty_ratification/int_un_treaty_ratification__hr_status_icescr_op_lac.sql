-- What became of each row of hr_status_icescr_op_lac.csv (macros/un_treaty_ratification.sql).
{{ un_treaty_ledger('icescr_op') }}
