-- Guatemala's loaded return rows, each once under its origin's indicator (MEX or USA, when the
-- origin is given) and once under the all-origins total, which also counts the rows whose origin
-- the source left blank (2024 on).
{{ config(materialized='ephemeral') }}  -- inlined where it is read: no node of its own
SELECT indicator_code, period, sex, age, n_value
FROM {{ ref('int_border_irregular_flows__guatemala') }}
WHERE _status = 'loaded' AND indicator_code IS NOT NULL
UNION ALL
SELECT 'gtm_returnees_total', period, sex, age, n_value
FROM {{ ref('int_border_irregular_flows__guatemala') }}
WHERE _status = 'loaded'
