-- What became of each row of gdidata_irreg_darien_nat.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_border_irregular_flows__darien_nat'), source('border_irregular_flows', 'darien_nat'),
               key=['t', 'nat']) }}
