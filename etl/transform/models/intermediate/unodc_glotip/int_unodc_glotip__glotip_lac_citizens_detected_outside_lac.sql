-- What became of each row of glotip_lac_citizens_detected_outside_lac.csv (macros/ledger.sql).
-- Two spellings of one country ("Bolivia", "Bolivia (Plurinational State of)") from the same
-- reporter and year would be summed twice: conflicts compare the resolved citizenship code, not
-- the name, and the conflicting rows' record key shows that code.
{%- set conflict_key = ['"Iso3_code"', '"Indicator"', '"Dimension"', 'citizenship_iso3', '"Sex"', '"Age"', '"Year"'] %}
{{ ledger_rows(ref('stg_unodc_glotip__glotip_lac_citizens_detected_outside_lac'),
               source('unodc_glotip', 'glotip_lac_citizens_detected_outside_lac'),
               key=unodc_glotip_key(), outside=[unodc_glotip_outside_citizenship()],
               conflict_key=conflict_key, conflict_record_key=conflict_key) }}
