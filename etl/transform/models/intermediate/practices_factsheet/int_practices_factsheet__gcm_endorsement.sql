-- The 2018 GCM vote (A/RES/73/195) per loaded country, with later changes as written.
SELECT code AS country_iso3, unga_73_195_vote, vote_code, later_changes, source_url AS source_urls
FROM {{ ref('int_practices_factsheet__endorsement_rows') }}
WHERE _status = 'loaded'
ORDER BY country_iso3
