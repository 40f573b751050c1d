-- What became of each row of gdidata_idmc_stocks_lac.csv (macros/ledger.sql): a key repeats when
-- country, year, cause, sex and age repeat.
{{ ledger_rows(ref('stg_idmc_internal_displacement__gdidata_idmc_stocks_lac'), source('idmc_internal_displacement', 'gdidata_idmc_stocks_lac'),
               key=['geo', 't', 'cause', 'sex', 'age'], outside=[outside_country()],
               conflict_key=['geo', 'value_year', 'cause_group', 'sex_code', 'age_group']) }}
