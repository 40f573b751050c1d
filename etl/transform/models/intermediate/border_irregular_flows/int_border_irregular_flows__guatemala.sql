-- What became of each row of gdidata_irreg_guatemala.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_border_irregular_flows__guatemala'), source('border_irregular_flows', 'guatemala'),
               key=['t', 'sex', 'age', 'origin']) }}
