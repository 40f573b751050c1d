-- gdidata's long file (geo, var, t, v): every raw row, with `var` mapped to the dashboard's
-- indicator code (case ignored), year and value parsed, and the reason it cannot be loaded
-- (strongest first; NULL when sound).
WITH raw AS (
    SELECT * FROM {{ source('world_bank_wdi', 'gdidata_wdi_lac') }}
),
-- gdidata's short names of the series. kind: a count or a rate cannot be negative; net migration,
-- net FDI flows, deflation and the WGI score are negative in real data.
variables (var_code, indicator_code, kind) AS (
    VALUES ('nmig', 'wdi_net_migration', NULL),           -- SM.POP.NETM, persons
           ('remin', 'wdi_remittances_in_usd', 'count'),  -- BX.TRF.PWKR.CD.DT, current US$
           ('remout', 'wdi_remittances_out_usd', 'count'), -- BM.TRF.PWKR.CD.DT, current US$
           ('gdp', 'wdi_gdp_usd', 'count'),               -- NY.GDP.MKTP.CD, current US$
           ('income', 'wdi_gdp_pc_ppp', 'count'),         -- NY.GDP.PCAP.PP.KD, constant international $
           ('fdiin', 'wdi_fdi_in_usd', NULL),             -- BX.KLT.DINV.CD.WD, current US$
           ('fdiout', 'wdi_fdi_out_usd', NULL),           -- BM.KLT.DINV.CD.WD, current US$
           ('inf', 'wdi_inflation_pct', NULL),            -- FP.CPI.TOTL.ZG, % per year
           ('unem', 'wdi_unemployment_pct', 'rate'),      -- SL.UEM.TOTL.ZS, % of labour force
           ('birth', 'wdi_birth_rate', 'rate'),           -- SP.DYN.CBRT.IN, per 1,000 people
           ('depend', 'wdi_age_dependency_pct', 'rate'),  -- SP.POP.DPND, % of working-age population
           ('polstb', 'wgi_political_stability', NULL),   -- WGI estimate, about -2.5 to 2.5
           ('pop', 'wpp_population', 'count')             -- UN WPP 2024, persons
),
parsed AS (
    {{ world_bank_wdi_parsed('raw.t', 'raw.v') }}
)
SELECT parsed.*,
       parsed.geo AS country_iso3,
       variables.indicator_code,
       CASE
           {{ world_bank_wdi_checks() | indent(11) }}
           WHEN variables.indicator_code IS NULL THEN 'unknown variable code'
           WHEN n_value < 0 AND variables.kind = 'rate' THEN 'negative value for a rate'
           WHEN n_value < 0 AND variables.kind = 'count' THEN 'negative value for a count'
       END AS reason
FROM parsed
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = parsed.geo AND codes.is_iso3
LEFT JOIN variables ON variables.var_code = lower(parsed.var)
