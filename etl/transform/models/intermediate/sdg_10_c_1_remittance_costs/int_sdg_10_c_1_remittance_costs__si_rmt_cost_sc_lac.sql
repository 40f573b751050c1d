-- What became of each row of si_rmt_cost_sc_lac.csv (macros/ledger.sql): a key repeats when the receiving
-- country, sending country and year repeat (conflicts compare the resolved codes).
{{ ledger_rows(ref('stg_sdg_10_c_1_remittance_costs__si_rmt_cost_sc_lac'), source('sdg_10_c_1_remittance_costs', 'si_rmt_cost_sc_lac'),
               key=['counterpart', 'geo_area', 'year'], outside=[sdg_aggregate_reason(), sdg_corridor_outside()],
               conflict_key=['receiving_iso3', 'sending_iso3', 'cost_year']) }}
