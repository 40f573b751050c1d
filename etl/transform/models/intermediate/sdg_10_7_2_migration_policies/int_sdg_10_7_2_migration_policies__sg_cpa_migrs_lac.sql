-- What became of each row of sg_cpa_migrs_lac.csv (macros/ledger.sql): one score per country, domain
-- and year; two different scores for the same one are a conflict.
{{ ledger_rows(ref('stg_sdg_10_7_2_migration_policies__sg_cpa_migrs_lac'),
               source('sdg_10_7_2_migration_policies', 'sg_cpa_migrs_lac'),
               key=['geo_area', 'policy_domains', 'year'], outside=[outside_country()],
               conflict_key=['country_iso3', 'indicator_code', 'report_year']) }}
