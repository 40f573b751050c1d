-- What became of each row of gdidata_unhcr_lac.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_unhcr_displacement__gdidata_unhcr_lac'), source('unhcr_displacement', 'gdidata_unhcr_lac'),
               key=['geo', 'from', 't', 'group'],
               outside=[unhcr_outside_return(), outside_country(), unhcr_outside_both()],
               conflict_key=['geo', '"from"', 't', '"group"']) }}
