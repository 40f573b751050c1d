-- Peer groups (regional processes and integration blocs) and their members.
CREATE TABLE dim_peer_groups AS
SELECT g.group_code, g.name_en, g.name_es, g.name_pt, g.kind, g.source_url,
       list_sort(list(m.country_iso3)) AS members
FROM ref_peer_groups AS g
JOIN ref_peer_group_members AS m USING (group_code)
GROUP BY ALL
ORDER BY g.group_code;

CREATE TABLE bridge_country_peer_groups AS
SELECT group_code, country_iso3, nullif(note, '') AS note
FROM ref_peer_group_members
ORDER BY group_code, country_iso3;
