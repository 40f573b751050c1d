-- SDG 10.c.1 per corridor, SmaRT average cost of sending USD 200 (% of the amount sent; the average of
-- the three cheapest services a typical sender can use): every raw row with both sides resolved, year
-- and cost parsed, and the reason it cannot be loaded (strongest first; NULL when sound). The
-- published file has three negative SmaRT costs: quarantined, not loaded as a gain.
{{ sdg_remittance_corridor_rows(source('sdg_10_c_1_remittance_costs', 'si_rmt_cost_sc_lac'), 'si_rmt_cost_sc') }}
