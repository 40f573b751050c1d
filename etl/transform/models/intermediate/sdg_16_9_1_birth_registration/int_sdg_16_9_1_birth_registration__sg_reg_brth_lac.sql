-- What became of each row of sg_reg_brth_lac.csv (macros/ledger.sql): a key repeats when the age
-- group, area and year repeat ("076" and "76" are one area: conflicts compare the resolved code).
{{ ledger_rows(ref('stg_sdg_16_9_1_birth_registration__sg_reg_brth_lac'), source('sdg_16_9_1_birth_registration', 'sg_reg_brth_lac'),
               key=['age', 'geo_area', 'year'], outside=[outside_country(), sdg_aggregate_reason()],
               conflict_key=['age_code', 'country_iso3', 'survey_year']) }}
