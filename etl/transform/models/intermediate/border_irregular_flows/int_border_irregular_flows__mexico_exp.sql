-- What became of each row of gdidata_irreg_mexico_exp.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_border_irregular_flows__mexico_exp'), source('border_irregular_flows', 'mexico_exp'),
               key=['t', 'nat', 'type']) }}
