-- What became of each row of gdidata_wdi_lac.csv (macros/ledger.sql): a key repeats when geo, var
-- and t repeat as written.
{{ ledger_rows(ref('stg_world_bank_wdi__gdidata_wdi_lac'), source('world_bank_wdi', 'gdidata_wdi_lac'),
               key=['geo', 'var', 't'], outside=[outside_country()]) }}
