-- What became of each row of si_rmt_cost_snd_lac.csv (macros/ledger.sql): a key repeats when the area and year
-- repeat ("076" and "76" are one area: conflicts compare the resolved code).
{{ ledger_rows(ref('stg_sdg_10_c_1_remittance_costs__si_rmt_cost_snd_lac'), source('sdg_10_c_1_remittance_costs', 'si_rmt_cost_snd_lac'),
               key=['geo_area', 'year'], outside=[outside_country(), sdg_aggregate_reason()],
               conflict_key=['country_iso3', 'cost_year']) }}
