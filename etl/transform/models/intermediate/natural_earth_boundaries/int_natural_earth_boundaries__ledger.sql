-- Every row of the source's files with what became of it.
{{ config(materialized='view') }}
{{ source_ledger('natural-earth-boundaries', ['ne_50m_admin_0_countries_americas.geojson']) }}
