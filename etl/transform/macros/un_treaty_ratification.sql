{#
  UN treaty ratification: one raw file per treaty, hr_status_<treaty>_lac.csv, each with the same
  checks. The staging model of every file and the source's one ledger model call the macros below.
#}

{# The treaties, in the order the sources YAML lists their files. #}
{% macro un_treaties() -%}
{{ return(['cat', 'cedaw', 'cped', 'crc', 'crpd', 'iccpr', 'iccpr_op1', 'iccpr_op2', 'icerd', 'icescr', 'icescr_op',
           'icmw', 'op_cedaw', 'op_crc_ac', 'op_crc_ic', 'op_crc_sc', 'op_crpd', 'opcat']) }}
{%- endmacro %}

{# The date the source's statuses were taken, from its sources YAML (`meta.status_as_of`), as a SQL DATE. #}
{% macro un_treaty_status_as_of() -%}
{%- if execute -%}
DATE '{{ graph.sources['source.gcm.un_treaty_ratification.hr_status_icmw_lac'].source_meta.status_as_of }}'
{%- else -%}
NULL::DATE
{%- endif -%}
{%- endmacro %}

{#
  Every raw row of one treaty's file, with its country resolved from the ISO2 code (the names are
  title case, "St. Kitts And Nevis": never matched), its flags and years read, and the reason it
  cannot be loaded: the first check that fails, NULL when sound. The source was compiled in
  August 2022: a ratification year is from 1945 (no UN treaty before the UN) to 2022.
#}
{% macro un_treaty_staged(treaty) %}
{%- set raw = source('un_treaty_ratification', 'hr_status_' ~ treaty ~ '_lac') -%}
{#- the op_crc_ic file has no note column -#}
{%- set has_note = 'note' in (adapter.get_columns_in_relation(raw) | map(attribute='name') | list) -%}
WITH raw AS (
    SELECT * FROM {{ raw }}
),
parsed AS (
    SELECT raw.*,
           '{{ treaty }}' AS treaty_code,
           iso2.iso3 AS country_iso3,
           raw."state party" = '1' AS is_party,
           lower(raw.status) AS status_text,
           {{ parse_year('raw."year ratification or accession"', 1945, 2022) }} AS ratification_year,
           {{ 'raw.note' if has_note else "''" }} AS note_text,
           regexp_extract({{ 'raw.note' if has_note else "''" }}, '(\p{Nd}{4})', 1) AS note_year_text
    FROM raw
    LEFT JOIN {{ source('reference', 'ref_iso2') }} AS iso2 ON iso2.iso2 = upper(raw.iso2)
),
flagged AS (
    SELECT parsed.*,
           -- a note such as "Denounced the OP 1997" explains a party flag left next to a "no action" one
           regexp_matches(note_text, 'denounc', 'i') AND is_party AND ratification_year IS NOT NULL AS denounced,
           "state party" IN ('0', '1') AND signatory IN ('0', '1') AND "no action" IN ('0', '1') AS flags_ok,
           -- exactly one flag is 1, and it is the one the status text names
           ("state party" = '1')::INT + (signatory = '1')::INT + ("no action" = '1')::INT = 1
               AND (status_text = 'state party' AND "state party" = '1'
                    OR status_text = 'signatory state' AND signatory = '1'
                    OR status_text = 'no action' AND "no action" = '1') AS flags_agree
    FROM parsed
)
SELECT flagged.*,
       -- the year a denounced treaty stopped binding: the note's first four digits, if any
       CASE WHEN denounced THEN {{ parse_year('note_year_text', 1945, 2022) }} END AS denounced_year,
       CASE
           WHEN country_iso3 IS NULL THEN 'unknown ISO2 country code'
           WHEN NOT codes.in_scope THEN {{ outside_country() }}
           WHEN NOT flags_ok THEN 'status flag not 0 or 1'
           WHEN NOT (flags_agree OR denounced) THEN 'inconsistent status flags'
           WHEN is_party AND "year ratification or accession" = '' THEN 'state party without ratification year'
           WHEN "year ratification or accession" <> '' AND ratification_year IS NULL THEN 'impossible ratification year'
           WHEN NOT is_party AND "year ratification or accession" <> '' THEN 'ratification year for a non-party'
       END AS reason
FROM flagged
LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = flagged.country_iso3
{% endmacro %}

{#
  What became of each row of every treaty's file, in one model (macros/ledger.sql; `_file` names the
  row's file). A quarantined row's key is its ISO2 code as written; two sound rows of one file about
  the same country (told by its ISO3 code, so "ar" and "AR" clash) are a conflict, keyed by that ISO3 code.
#}
{% macro un_treaty_ledger() %}
{%- set files = [] -%}
{%- for t in un_treaties() -%}
  {%- do files.append(('hr_status_' ~ t ~ '_lac.csv', ref('stg_un_treaty_ratification__hr_status_' ~ t ~ '_lac'),
                       source('un_treaty_ratification', 'hr_status_' ~ t ~ '_lac'))) -%}
{%- endfor -%}
{{ ledger_rows_of_files(files, key=['iso2'], outside=[outside_country()], conflict_key=['country_iso3'],
                        conflict_record_key=['country_iso3']) }}
{% endmacro %}
