-- What became of each row of gdidata_irreg_mexico_nat.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_border_irregular_flows__mexico_nat'), source('border_irregular_flows', 'mexico_nat'),
               key=['t', 'nat']) }}
