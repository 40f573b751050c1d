-- What became of each row of gdidata_irreg_honduras_nat.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_border_irregular_flows__honduras_nat'), source('border_irregular_flows', 'honduras_nat'),
               key=['t', 'nat']) }}
