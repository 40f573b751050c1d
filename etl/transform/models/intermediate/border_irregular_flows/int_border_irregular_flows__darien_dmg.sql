-- What became of each row of gdidata_irreg_darien_dmg.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_border_irregular_flows__darien_dmg'), source('border_irregular_flows', 'darien_dmg'),
               key=['t', 'demog']) }}
