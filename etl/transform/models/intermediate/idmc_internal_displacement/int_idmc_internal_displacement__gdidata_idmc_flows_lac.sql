-- What became of each row of gdidata_idmc_flows_lac.csv (macros/ledger.sql): a key repeats when
-- country, year and cause repeat ("Flood" and "flood" are one cause: conflicts compare the code).
{{ ledger_rows(ref('stg_idmc_internal_displacement__gdidata_idmc_flows_lac'), source('idmc_internal_displacement', 'gdidata_idmc_flows_lac'),
               key=['geo', 't', 'cause'], outside=[outside_country()],
               conflict_key=['geo', 'value_year', 'cause_code']) }}
