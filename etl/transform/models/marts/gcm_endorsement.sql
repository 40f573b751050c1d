-- The 2018 GCM vote (A/RES/73/195) per country, with later changes.
SELECT country_iso3, unga_73_195_vote, vote_code, later_changes, source_urls
FROM {{ ref('int_practices_factsheet__gcm_endorsement') }}
ORDER BY country_iso3
