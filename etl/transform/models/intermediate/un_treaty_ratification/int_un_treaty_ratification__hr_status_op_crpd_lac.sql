-- What became of each row of hr_status_op_crpd_lac.csv (macros/un_treaty_ratification.sql).
{{ un_treaty_ledger('op_crpd') }}
