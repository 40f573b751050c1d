-- Which peer groups each country belongs to, with a note where membership is qualified.
SELECT group_code, country_iso3, nullif(note, '') AS note
FROM {{ source('staged', 'ref_peer_group_members') }}
ORDER BY group_code, country_iso3
