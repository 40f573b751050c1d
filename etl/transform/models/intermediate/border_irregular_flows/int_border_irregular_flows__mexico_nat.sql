-- What became of each row of gdidata_irreg_mexico_nat.csv (macros/ledger.sql). gdidata resolved the
-- source's nationality names to codes, so two rows of a month may share a code (a territory and its
-- state, two spellings), with the same count or not: each is a part of Mexico's total, so no row is a
-- duplicate or a conflict (each is its own key, its line); int_..._flows sums them and flags the sum.
{{ ledger_rows(ref('stg_border_irregular_flows__mexico_nat'), source('border_irregular_flows', 'mexico_nat'),
               key=['t', 'nat'], conflict_key=['_line'], duplicates=false) }}
