{#
  Every raw row of one file, with what became of it: `_status` is loaded, quarantined, duplicate
  or outside (a sound row about a country the dashboard does not cover: counted, not copied).
  The order of the steps is the same for every source:
    1. a row with a cell longer than 10,000 characters is quarantined (its cells cut to 200);
    2. a row that repeats an earlier row exactly is a duplicate (the first one counts);
    3. the staging model's `reason` (its strongest failed check) quarantines the row, or sets
       it aside when the reason is one of `outside`;
    4. sound rows whose `key` repeats with other values are all quarantined: which one is right
       cannot be told.
  `duplicates=false` skips step 2 where identical rows are separate records (a file of incidents
  or counts with no ID: two identical rows are two incidents, two source names given one code).
  `outside` holds SQL literals. `key` names raw columns (joined with "|" as the quarantined row's record key); `conflict_key`
  (default: `key`) may use the staging model's resolved columns instead. `conflict_record_key`
  (default: `key`), SQL expressions too, gives the record key of the rows quarantined as conflicts
  when it should show what was compared (a resolved code) rather than the raw text.
#}
{% macro ledger_rows(staged, raw, key, outside=[], conflict_key=none, conflict_record_key=none, duplicates=true) %}
{{ ledger_rows_of_files([(none, staged, raw)], key, outside, conflict_key, conflict_record_key, duplicates) }}
{% endmacro %}

{#
  The same for several files with the same checks in one model (one dbt node instead of one per
  file): `files` lists (file name, staging model, raw source). Each row keeps its file in `_file`,
  and duplicates and conflicts are looked for within a file, never across files. A file's raw
  values are its own columns (the UNION fills another file's with NULL).
#}
{% macro ledger_rows_of_files(files, key, outside=[], conflict_key=none, conflict_record_key=none, duplicates=true) %}
{%- set by_file = files[0][0] is not none -%}
{%- set columns = [] -%}  {#- every file's raw columns, in order of appearance -#}
{%- set file_columns = [] -%}
{%- set shapes = {} -%}  {#- the files of each list of columns, for their raw values -#}
{%- for file, staged, raw in files -%}
  {%- set own = [] -%}
  {%- for c in adapter.get_columns_in_relation(raw) if not c.name.startswith('_') -%}
    {%- do own.append(c.name) -%}
    {%- if c.name not in columns %}{% do columns.append(c.name) %}{% endif -%}
  {%- endfor -%}
  {%- do file_columns.append(own) -%}
  {%- do shapes.setdefault(own | join('\x1f'), []).append(file) -%}
{%- endfor -%}
{%- set conflict_key = (['_file'] if by_file else []) + (conflict_key or key) -%}
{%- set max_chars = 10000 -%}
{%- set row_cols = ['_file'] if by_file else [] -%}
{%- for c in columns -%}{%- do row_cols.append(adapter.quote(c)) -%}{%- endfor -%}
{#- A row's id: its line, and its file's number too when there are several. -#}
{%- set id = '_id' if by_file else '_line' -%}
{#- A key holding the line number never repeats: no conflict to look for. Otherwise the rows worth
    comparing are those whose conflict key repeats: an exact duplicate repeats it too (the key is
    made from the row's cells), so one hash per row finds the candidates of both checks. -#}
{%- set lined = '_line' in conflict_key -%}
{%- set hashed = (row_cols if lined else conflict_key) | join(', ') or '1' -%}
-- Duplicates and conflicts are found by hashing first: only rows whose key's hash repeats (few) are
-- compared column by column, so no step sorts every row of a large file.
WITH rows AS (
{%- for file, staged, raw in files %}
{%- set own = file_columns[loop.index0] %}
    SELECT *,{% if by_file %} '{{ file }}' AS _file, ({{ loop.index0 }}::BIGINT << 32) + _line AS _id,{% endif %}
           {% if own %}greatest({% for c in own %}length({{ adapter.quote(c) }}){{ ", " if not loop.last }}{% endfor %}){% else %}0{% endif %} > {{ max_chars }} AS _overlong
    FROM {{ staged }}
    {{ 'UNION ALL BY NAME' if not loop.last }}
{%- endfor %}
),
candidates AS (
    {% if lined and not duplicates %}SELECT {{ id }} FROM rows WHERE false{% else %}
    SELECT {{ id }} FROM rows
    WHERE NOT _overlong AND hash({{ hashed }}) IN (
        SELECT hash({{ hashed }}) AS h FROM rows WHERE NOT _overlong GROUP BY h HAVING count(*) > 1){% endif %}
),
repeated_rows AS (
    {% if not duplicates %}SELECT {{ id }} FROM rows WHERE false{% else %}
    SELECT {{ id }} FROM (
        SELECT {{ id }}, row_number() OVER (PARTITION BY {{ row_cols | join(', ') if row_cols else '1' }} ORDER BY _line) AS n
        FROM rows WHERE {{ id }} IN (SELECT {{ id }} FROM candidates)
    ) WHERE n > 1{% endif %}
),
flagged AS NOT MATERIALIZED (  -- read once: no copy of every row and column
    SELECT *, {{ id }} IN (SELECT {{ id }} FROM repeated_rows) AS _duplicate FROM rows
),
checked AS (
    SELECT *,
           CASE WHEN _overlong THEN 'quarantined'
                WHEN _duplicate THEN 'duplicate'
                WHEN reason IN ({{ outside | join(', ') if outside else 'NULL' }}) THEN 'outside'
                WHEN reason IS NOT NULL THEN 'quarantined' END AS _checked
    FROM flagged
),
clashing AS (
    {% if lined %}SELECT {{ id }} FROM rows WHERE false{% else %}
    SELECT {{ id }} FROM (
        SELECT {{ id }}, count(*) OVER (PARTITION BY {{ conflict_key | join(', ') or '1' }}) AS n
        FROM checked WHERE _checked IS NULL AND {{ id }} IN (SELECT {{ id }} FROM candidates)
    ) WHERE n > 1{% endif %}
),
conflicts AS NOT MATERIALIZED (
    SELECT *, {{ id }} IN (SELECT {{ id }} FROM clashing) AS _conflict FROM checked
)
SELECT *,
       -- Only quarantined rows keep their raw values: the others are loaded, counted or in the file.
       CASE WHEN _status = 'quarantined' THEN
       {%- if by_file %} CASE{% for own in shapes %}
           WHEN _file IN ('{{ shapes[own] | join("', '") }}') THEN {{ raw_values_json(own.split('\x1f'), cut='_overlong') }}{% endfor %} END
       {%- else %} {{ raw_values_json(columns, cut='_overlong') }}{% endif %} END AS _raw_values
FROM (
SELECT *,
       CASE WHEN _conflict THEN 'quarantined' ELSE coalesce(_checked, 'loaded') END AS _status,
       CASE WHEN _overlong THEN 'a cell longer than 10,000 characters'
            WHEN _duplicate THEN NULL
            WHEN _conflict THEN 'conflicting duplicate: same key with different values'
            ELSE reason END AS _reason,
       CASE WHEN _overlong THEN ''
            {% if conflict_record_key %}WHEN _conflict THEN concat_ws('|'{% for k in conflict_record_key %}, {{ k }}{% endfor %}){% endif %}
            ELSE {% if key %}concat_ws('|'{% for k in key %}, {{ adapter.quote(k) }}{% endfor %}){% else %}''{% endif %} END AS _record_key
FROM conflicts
)
{% endmacro %}

{# The raw cells as the JSON object Python's json.dumps(..., ensure_ascii=False) writes. #}
{% macro raw_values_json(columns, cut='false') -%}
{%- if not columns -%}'{}'{%- else -%}
concat('{'{% for c in columns %}, '{{ ("" if loop.first else ", ") ~ (c | tojson).replace("'", "''") }}: ',
       {{ json_text("CASE WHEN " ~ cut ~ " AND length(" ~ adapter.quote(c) ~ ") > 10000 THEN left(" ~ adapter.quote(c) ~ ", 200) || '…' ELSE " ~ adapter.quote(c) ~ " END") }}{% endfor %}, '}')
{%- endif -%}
{%- endmacro %}

{#
  A text as a JSON string, as json.dumps(..., ensure_ascii=False) writes it. DuckDB's to_json does
  the same except that it escapes eight control characters in upper case (\u001F): those rare
  texts are encoded character by character.
#}
{% macro json_text(text) -%}
CASE WHEN regexp_matches({{ text }}, '[\x0B\x0E\x0F\x1A-\x1F]')
     THEN '"' || array_to_string(list_transform(string_split({{ text }}, ''), lambda c: CASE
              WHEN c = '"' THEN '\"' WHEN c = '\' THEN '\\' WHEN c = chr(8) THEN '\b' WHEN c = chr(9) THEN '\t'
              WHEN c = chr(10) THEN '\n' WHEN c = chr(12) THEN '\f' WHEN c = chr(13) THEN '\r'
              WHEN ord(c) < 32 THEN printf('\u%04x', ord(c)) ELSE c END), '') || '"'
     ELSE to_json({{ text }})::VARCHAR END
{%- endmacro %}

{# {"reason": n, ...} sorted by reason, as json.dumps(dict(sorted(...))) writes it, over rows of (reason, n). #}
{% macro reason_counts(condition) -%}
'{' || coalesce(string_agg(to_json(reason)::VARCHAR || ': ' || n, ', ' ORDER BY reason) FILTER (WHERE {{ condition }}), '') || '}'
{%- endmacro %}

{# The name of the raw file a source table holds (its `meta.file` in the source's YAML); known when models run. #}
{% macro raw_file_name(source_name, table) -%}
{{ graph.sources['source.gcm.' ~ source_name ~ '.' ~ table].meta.file if execute else table }}
{%- endmacro %}
