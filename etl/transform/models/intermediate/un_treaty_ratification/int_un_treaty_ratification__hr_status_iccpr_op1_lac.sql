-- What became of each row of hr_status_iccpr_op1_lac.csv (macros/un_treaty_ratification.sql).
{{ un_treaty_ledger('iccpr_op1') }}
