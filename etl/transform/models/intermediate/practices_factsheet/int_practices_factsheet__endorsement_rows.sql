-- What became of each row of gcm-endorsement.csv (macros/ledger.sql); a country's row is quarantined
-- as "country outside the dashboard's scope", never only counted: the table is the team's own.
{{ ledger_rows(ref('stg_practices_factsheet__endorsement_rows'), source('practices_factsheet', 'endorsement_rows'),
               key=['iso3'], conflict_key=['code'], conflict_record_key=['code']) }}
