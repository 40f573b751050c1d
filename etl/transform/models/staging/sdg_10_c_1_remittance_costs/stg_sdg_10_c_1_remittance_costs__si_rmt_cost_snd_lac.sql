-- SDG 10.c.1, average cost of sending USD 200 from a sending country (% of the amount sent): every
-- raw row with its country resolved from the M49 code, year and cost parsed, and the reason it cannot
-- be loaded (strongest first; NULL when sound).
{{ sdg_remittance_country_rows(source('sdg_10_c_1_remittance_costs', 'si_rmt_cost_snd_lac'), 'si_rmt_cost_snd') }}
