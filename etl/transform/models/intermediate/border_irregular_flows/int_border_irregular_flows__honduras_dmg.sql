-- What became of each row of gdidata_irreg_honduras_dmg.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_border_irregular_flows__honduras_dmg'), source('border_irregular_flows', 'honduras_dmg'),
               key=['t', 'demog']) }}
