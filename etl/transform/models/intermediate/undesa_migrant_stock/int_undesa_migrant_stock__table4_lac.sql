-- What became of each row of table4_lac.csv (macros/ledger.sql). Rows are checked by their raw location
-- code but conflict by the country it resolves to: a conflicting row's record key is that country's
-- code, and its raw values end with it ("country_iso3"), as the adapter this replaced wrote them.
WITH ledger AS (
{{ ledger_rows(ref('stg_undesa_migrant_stock__table4_lac'), source('undesa_migrant_stock', 'table4_lac'),
               key=['Location code'], outside=[outside_country()], conflict_key=['country_iso3']) }}
)
SELECT * REPLACE (
           CASE WHEN _conflict THEN country_iso3 ELSE _record_key END AS _record_key,
           CASE WHEN _conflict
                THEN left(_raw_values, length(_raw_values) - 1) || ', "country_iso3": ' || to_json(country_iso3)::VARCHAR || '}'
                ELSE _raw_values END AS _raw_values)
FROM ledger
