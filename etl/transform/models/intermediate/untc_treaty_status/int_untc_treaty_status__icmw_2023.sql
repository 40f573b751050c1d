-- What became of each row of untc_IV-13_icmw_2023_lac.csv (macros/untc_treaty_status.sql).
{{ untc_ledger('icmw_2023') }}
