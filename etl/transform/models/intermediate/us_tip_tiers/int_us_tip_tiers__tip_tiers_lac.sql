-- What became of each row of tip_tiers_lac.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_us_tip_tiers__tip_tiers_lac'), source('us_tip_tiers', 'tip_tiers_lac'),
               key=['iso', 'year'], outside=[outside_country()], conflict_key=['iso', 'report_year']) }}
