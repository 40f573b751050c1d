-- Corridor costs: under the receiving country's cost (sdg_remittance_cost_to) by sending country,
-- and under the sending country's cost (sdg_remittance_cost_from) by receiving country when the
-- sender is a country of the dashboard. The category is the other side's ISO3 code; the dimension
-- says which average (corridor average or SmaRT, the three cheapest services).
WITH corridors AS (
    SELECT receiving_iso3, sending_iso3, receiver_in_scope, sender_in_scope, cost_year, n_value,
           'average' AS measure, 'si_rmt_cost_bc_lac.csv' AS source_file
    FROM {{ ref('int_sdg_10_c_1_remittance_costs__si_rmt_cost_bc_lac') }}
    WHERE _status = 'loaded'
    UNION ALL
    SELECT receiving_iso3, sending_iso3, receiver_in_scope, sender_in_scope, cost_year, n_value,
           'SmaRT average', 'si_rmt_cost_sc_lac.csv'
    FROM {{ ref('int_sdg_10_c_1_remittance_costs__si_rmt_cost_sc_lac') }}
    WHERE _status = 'loaded'
)
SELECT receiving_iso3 AS country_iso3, 'sdg_remittance_cost_to' AS indicator_code, cost_year AS year,
       CASE measure WHEN 'average' THEN 'sending country' ELSE 'sending country, SmaRT average' END AS dimension,
       sending_iso3 AS category, NULL::VARCHAR AS sex, NULL::VARCHAR AS age,
       n_value AS value, NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered,
       source_file
FROM corridors WHERE receiver_in_scope
UNION ALL
SELECT sending_iso3, 'sdg_remittance_cost_from', cost_year,
       CASE measure WHEN 'average' THEN 'receiving country' ELSE 'receiving country, SmaRT average' END,
       receiving_iso3, NULL, NULL, n_value, NULL, NULL, NULL, source_file
FROM corridors WHERE sender_in_scope
