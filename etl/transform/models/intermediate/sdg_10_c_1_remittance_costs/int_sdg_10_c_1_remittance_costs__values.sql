-- Average cost of sending USD 200 to each receiving country and from each sending country, per year
-- as published (2011, 2015, then yearly from 2017): the years between are not filled in.
SELECT country_iso3, 'sdg_remittance_cost_to' AS indicator_code, cost_year AS year, n_value AS value,
       NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered,
       'si_rmt_cost_lac.csv' AS source_file
FROM {{ ref('int_sdg_10_c_1_remittance_costs__si_rmt_cost_lac') }}
WHERE _status = 'loaded'
UNION ALL
SELECT country_iso3, 'sdg_remittance_cost_from', cost_year, n_value, NULL, NULL, NULL, 'si_rmt_cost_snd_lac.csv'
FROM {{ ref('int_sdg_10_c_1_remittance_costs__si_rmt_cost_snd_lac') }}
WHERE _status = 'loaded'
