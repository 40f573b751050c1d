-- What became of each row of practices.csv (macros/ledger.sql).
{{ ledger_rows(ref('stg_practices_factsheet__practice_rows'), source('practices_factsheet', 'practice_rows'), key=['id']) }}
