{#
  UN Treaty Collection participation tables (source untc-treaty-status): one raw file per treaty
  and scrape date, each with the same checks. The staging model of every file and the source's one
  ledger model call the macros below; the file's treaty, as-of date and date columns are its `meta` in
  models/staging/untc_treaty_status/_untc_treaty_status__sources.yml.
#}

{# The files' tables, in the order the sources YAML lists them (static: models ref() them at parse time). #}
{% macro untc_tables() -%}
{{ return(['vccr_2014', 'icmw_2023', 'refugee_convention_2013', 'statelessness_1954_2015', 'statelessness_1961_2015',
           'refugee_protocol_2014', 'trafficking_protocol_2014', 'trafficking_protocol_2023', 'smuggling_protocol_2014',
           'untoc_2014']) }}
{%- endmacro %}

{# The treaties whose status becomes a yearly indicator treaty_<treaty>_party (data/reference/indicators.csv). #}
{% macro untc_indicator_treaties() -%}
{{ return(['trafficking_protocol', 'smuggling_protocol', 'vccr', 'statelessness_1954', 'statelessness_1961', 'icmw']) }}
{%- endmacro %}

{# One table's `meta` from the sources YAML (only known when models run; a placeholder while dbt parses). #}
{% macro untc_meta(table) -%}
{%- if execute -%}
  {{ return(graph.sources['source.gcm.untc_treaty_status.' ~ table].meta) }}
{%- else -%}
  {{ return({'file': table, 'treaty': table, 'status_as_of': '1900-01-01', 'signature': '', 'action': 'Participant'}) }}
{%- endif -%}
{%- endmacro %}

{# Reasons for a sound row that is set aside rather than loaded (SQL literals). #}
{% macro untc_outside() -%}
{{ return([outside_country(), "'participant is not a country (regional organisation)'"]) }}
{%- endmacro %}

{#
  A UNTC date cell as written: "4 Oct 1991", optionally followed by the action code (a accession,
  d succession, A acceptance, AA approval; none for a ratification). `nan` (the 2023 scrape) and
  blank are empty. Gives the text's date, or NULL when the cell is empty or malformed.
#}
{% macro untc_date(text) -%}
CASE WHEN regexp_full_match({{ text }}, '\d{1,2} [A-Z][a-z]{2} \d{4}( (a|d|A|AA))?')
     THEN try_strptime(regexp_extract({{ text }}, '^(\d{1,2} [A-Z][a-z]{2} \d{4})', 1), '%d %b %Y')::DATE END
{%- endmacro %}

{#
  Every raw row of one table, with its participant resolved (footnote numbers after the name
  dropped, as etl/land.py looks names up), its dates read, the file's treaty and as-of date, and
  the reason it cannot be loaded: the first check that fails, NULL when sound. Nothing in a UN
  treaty is signed before 1945, and nothing a status lists can be later than the day it was taken.
#}
{% macro untc_staged(table) %}
{%- set meta = untc_meta(table) -%}
{%- set raw = source('untc_treaty_status', table) -%}
{%- set has_iso3 = execute and 'iso3_added' in (adapter.get_columns_in_relation(raw) | map(attribute='name') | list) -%}
{%- set empty = "('', 'nan')" -%}
WITH raw AS (
    SELECT * FROM {{ raw }}
),
parsed AS (
    SELECT raw.*,
           regexp_replace(raw."Participant", '\s+\d+(,\s*\d+)*$', '') AS participant_name,
           names.iso3 AS country_iso3,
           {% if meta.signature %}CASE WHEN raw.{{ adapter.quote(meta.signature) }} IN {{ empty }} THEN '' ELSE raw.{{ adapter.quote(meta.signature) }} END{% else %}''{% endif %} AS signature_text,
           CASE WHEN raw.{{ adapter.quote(meta.action) }} IN {{ empty }} THEN '' ELSE raw.{{ adapter.quote(meta.action) }} END AS action_text,
           {{ "raw.iso3_added" if has_iso3 else "''" }} AS iso3_listed,
           '{{ meta.treaty }}' AS treaty_code,
           DATE '{{ meta.status_as_of }}' AS status_as_of,
           '{{ meta.file }}' AS source_file
    FROM raw
    LEFT JOIN {{ source('reference', 'ref_country_names') }} AS names
           ON names.name = regexp_replace(raw."Participant", '\s+\d+(,\s*\d+)*$', '')
),
dated AS (
    SELECT parsed.*,
           {{ untc_date('signature_text') }} AS signature_date,
           {{ untc_date('action_text') }} AS action_date
    FROM parsed
)
SELECT dated.*,
       -- a country that has ratified (or acceded) is a state party; one that has only signed is a signatory
       action_date IS NOT NULL AS state_party,
       action_date IS NULL AND signature_date IS NOT NULL AS signatory,
       year(action_date) AS ratification_year,
       CASE
           WHEN country_iso3 IS NULL AND participant_name = 'European Union' THEN {{ untc_outside()[1] }}
           WHEN country_iso3 IS NULL THEN 'unknown participant name'
           WHEN NOT codes.in_scope THEN {{ outside_country() }}
           WHEN iso3_listed NOT IN ('', country_iso3) THEN 'participant name and iso3_added disagree'
           WHEN signature_text <> '' AND signature_date IS NULL THEN 'malformed signature date'
           WHEN action_text <> '' AND action_date IS NULL THEN 'malformed ratification or accession date'
           WHEN signature_text = '' AND action_text = '' THEN 'neither a signature nor a ratification date'
           WHEN least(signature_date, action_date) < DATE '1945-01-01' THEN 'date before 1945'
           WHEN greatest(signature_date, action_date) > status_as_of THEN 'date after the status''s as-of date'
       END AS reason
FROM dated
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = dated.country_iso3
{% endmacro %}

{#
  What became of each row of every table, in one model (macros/ledger.sql; `_file` names the row's
  file). A quarantined row's key is the participant as written; two sound rows of one file about the
  same country ("St. Lucia", "Saint Lucia") with different dates are a conflict, keyed by its ISO3 code.
#}
{% macro untc_ledger() %}
{%- set files = [] -%}
{%- for t in untc_tables() -%}
  {%- do files.append((untc_meta(t).file, ref('stg_untc_treaty_status__' ~ t), source('untc_treaty_status', t))) -%}
{%- endfor -%}
{{ ledger_rows_of_files(files, key=['Participant'], outside=untc_outside(), conflict_key=['country_iso3'],
                        conflict_record_key=['country_iso3']) }}
{% endmacro %}
