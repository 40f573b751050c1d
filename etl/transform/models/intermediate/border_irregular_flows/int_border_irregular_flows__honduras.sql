-- What became of each row of gdidata_irreg_honduras.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_border_irregular_flows__honduras'), source('border_irregular_flows', 'honduras'),
               key=['t']) }}
