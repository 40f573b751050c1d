-- What became of each row of gdidata_irreg_mexico_dmg.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_border_irregular_flows__mexico_dmg'), source('border_irregular_flows', 'mexico_dmg'),
               key=['t', 'sex', 'age']) }}
