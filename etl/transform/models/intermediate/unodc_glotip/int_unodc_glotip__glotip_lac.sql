-- What became of each row of glotip_lac.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_unodc_glotip__glotip_lac'), source('unodc_glotip', 'glotip_lac'),
               key=unodc_glotip_key(), outside=[outside_country()]) }}
