-- What became of each feature (macros/ledger.sql): two features with one ADM0_A3 are a conflict.
{{ ledger_rows(ref('stg_natural_earth_boundaries__ne_50m_admin_0_countries_americas'),
               source('natural_earth_boundaries', 'ne_50m_admin_0_countries_americas'),
               key=['ADM0_A3', 'NAME'], conflict_key=['"ADM0_A3"'], conflict_record_key=['"ADM0_A3"']) }}
