-- Peer groups (regional processes and integration blocs) and their members.
SELECT g.group_code, g.name_en, g.name_es, g.name_pt, g.kind, g.source_url,
       list_sort(list(m.country_iso3)) AS members
FROM {{ source('staged', 'ref_peer_groups') }} AS g
JOIN {{ source('staged', 'ref_peer_group_members') }} AS m USING (group_code)
GROUP BY ALL
ORDER BY g.group_code
