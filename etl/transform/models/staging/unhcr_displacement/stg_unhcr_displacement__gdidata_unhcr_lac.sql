-- UNHCR displaced and stateless populations: every raw row, with country of asylum and origin resolved
-- (upper case), population group, year and count parsed, and the reason it cannot be loaded (the first
-- rule that holds: the row's own defects, then rows that feed no indicator; NULL when sound).
--
-- Which side of a row a figure belongs to depends on its group's kind:
-- * protection (refugee, asylum, other people in need of international protection): hosted by `geo`,
--   displaced abroad from `from`;
-- * in_country (idp, idp return, stateless): in `geo` (`from` is the same country, or STL);
-- * return (refugee return): UNHCR records returns under the country of departure, so `geo` is the
--   country the refugees left and `from` the country they returned to.
-- Only LAC33 origins have every country of asylum in the file (its filter), so only their "abroad" and
-- "returned to" totals are complete. Pseudo-codes (STL, UNK, OOO various/unknown, TIB Tibetan) are fine
-- as the other side of a row.
WITH raw AS (
    SELECT * FROM {{ source('unhcr_displacement', 'gdidata_unhcr_lac') }}
),
population_groups (group_code, group_kind, group_indicator) AS (
    VALUES ('refugee', 'protection', 'unhcr_refugees_hosted'),
           ('asylum', 'protection', 'unhcr_asylum_hosted'),
           ('other', 'protection', 'unhcr_other_protection_hosted'),
           ('idp', 'in_country', 'unhcr_idps'),
           ('idp return', 'in_country', 'unhcr_idp_returns'),
           ('stateless', 'in_country', 'unhcr_stateless'),
           ('refugee return', 'return', NULL)
),
parsed AS (
    SELECT raw.*,
           upper(raw.geo) AS geo_code,
           upper(raw."from") AS from_code,
           lower(raw."group") AS population_group,
           {{ parse_year('raw.t', 1950) }} AS displacement_year,
           {{ parse_number('raw.n', 'n') }}
    FROM raw
),
-- Known: a country, a shared pseudo-code, or UNHCR's own OOO and TIB.
coded AS (
    SELECT parsed.*,
           geo.is_country OR geo.is_pseudo OR geo.code IN ('OOO', 'TIB') AS geo_known,
           origin.is_country OR origin.is_pseudo OR origin.code IN ('OOO', 'TIB') AS from_known,
           coalesce(geo.in_scope, false) AS geo_in_scope,
           coalesce(origin.in_lac33, false) AS from_lac,
           coalesce((origin.is_pseudo OR origin.code IN ('OOO', 'TIB')) AND NOT origin.is_country, false) AS from_pseudo,
           population_groups.group_kind,
           population_groups.group_indicator
    FROM parsed
    LEFT JOIN {{ source('reference', 'ref_codes') }} AS geo ON geo.code = parsed.geo_code
    LEFT JOIN {{ source('reference', 'ref_codes') }} AS origin ON origin.code = parsed.from_code
    LEFT JOIN population_groups ON population_groups.group_code = parsed.population_group
)
SELECT coded.*,
       CASE
           WHEN NOT coalesce(geo_known, false) OR NOT coalesce(from_known, false) THEN 'unknown country code'
           WHEN displacement_year IS NULL THEN 'impossible or non-numeric year'
           WHEN group_kind IS NULL THEN 'unknown population group'
           -- UNHCR shows small counts as 5 in this extract, never as `<5`
           {{ count_reasons('n') }}
           -- A group is of one kind only, so a row feeds no indicator when its kind's side is out of scope.
           WHEN group_kind = 'return' AND NOT from_lac AND from_pseudo
               THEN 'pseudo-code as country of return: no country to attribute to'
           WHEN group_kind = 'return' AND NOT from_lac THEN {{ unhcr_outside_return() }}
           WHEN group_kind = 'in_country' AND NOT geo_in_scope THEN {{ outside_country() }}
           -- A person in their own country is not in need of *international* protection: UNHCR's
           -- "others of concern" (e.g. VEN in VEN), neither hosted nor abroad.
           WHEN group_kind = 'protection' AND geo_code = from_code
               THEN 'origin is the country of asylum: not international protection'
           WHEN group_kind = 'protection' AND NOT geo_in_scope AND NOT from_lac THEN {{ unhcr_outside_both() }}
       END AS reason
FROM coded
