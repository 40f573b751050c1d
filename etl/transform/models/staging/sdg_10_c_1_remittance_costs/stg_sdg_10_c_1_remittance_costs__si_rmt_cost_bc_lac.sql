-- SDG 10.c.1 per corridor, average cost of sending USD 200 (% of the amount sent): every raw row with
-- the sending (geo_area, M49) and receiving (counterpart, ISO2) countries resolved, year and cost
-- parsed, and the reason it cannot be loaded (strongest first; NULL when sound).
{{ sdg_remittance_corridor_rows(source('sdg_10_c_1_remittance_costs', 'si_rmt_cost_bc_lac'), 'si_rmt_cost_bc') }}
