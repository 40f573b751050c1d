-- One row per country and treaty, as of August 2022 when the source was compiled (status_as_of,
-- from the sources YAML: the day the repository recorded the statuses). A denounced
-- treaty binds the country no more: its status is "denounced" and it is not a state party.
SELECT country_iso3, treaty_code,
       CASE WHEN denounced THEN 'denounced' ELSE status_text END AS status,
       is_party AND NOT denounced AS state_party, signatory = '1' AS signatory, ratification_year,
       2022::BIGINT AS status_year, nullif(note_text, '') AS note, _file AS source_file,
       {{ un_treaty_status_as_of() }} AS status_as_of
FROM {{ ref('int_un_treaty_ratification__files') }}
WHERE _status = 'loaded'
