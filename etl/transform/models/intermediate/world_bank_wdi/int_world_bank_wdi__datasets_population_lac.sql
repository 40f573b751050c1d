-- What became of each row of datasets_population_lac.csv (macros/ledger.sql): a key repeats when
-- the country code and year repeat as written.
{{ ledger_rows(ref('stg_world_bank_wdi__datasets_population_lac'), source('world_bank_wdi', 'datasets_population_lac'),
               key=['Country Code', 'Year'], outside=[outside_country()], conflict_key=['"Country Code"', '"Year"']) }}
