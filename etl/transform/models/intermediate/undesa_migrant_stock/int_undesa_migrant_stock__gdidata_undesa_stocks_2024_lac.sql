-- What became of each row of gdidata_undesa_stocks_2024_lac.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_undesa_migrant_stock__gdidata_undesa_stocks_2024_lac'),
               source('undesa_migrant_stock', 'gdidata_undesa_stocks_2024_lac'),
               key=['geo', 'from', 't', 'sex'], outside=[desa_outside_pair()],
               conflict_key=['geo', '"from"', 't', 'sex']) }}
