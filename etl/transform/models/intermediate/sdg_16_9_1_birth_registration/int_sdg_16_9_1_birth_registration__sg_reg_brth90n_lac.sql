-- What became of each row of sg_reg_brth90n_lac.csv (macros/ledger.sql): a key repeats when the
-- area and year repeat.
{{ ledger_rows(ref('stg_sdg_16_9_1_birth_registration__sg_reg_brth90n_lac'), source('sdg_16_9_1_birth_registration', 'sg_reg_brth90n_lac'),
               key=['geo_area', 'year'], outside=[outside_country(), sdg_aggregate_reason()],
               conflict_key=['country_iso3', 'flag_year']) }}
