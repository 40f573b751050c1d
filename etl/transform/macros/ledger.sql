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
  `outside` holds SQL literals. `key` names raw columns (joined with "|" as the quarantined row's record key); `conflict_key`
  (default: `key`) may use the staging model's resolved columns instead. `conflict_record_key`
  (default: `key`) names the columns joined as the record key of the rows quarantined as conflicts,
  for a source whose conflicts are told by a resolved code rather than by the raw key.
#}
{% macro ledger_rows(staged, raw, key, outside=[], conflict_key=none, conflict_record_key=none) %}
{%- set columns = [] -%}
{%- for c in adapter.get_columns_in_relation(raw) if not c.name.startswith('_') -%}
  {%- do columns.append(c.name) -%}
{%- endfor -%}
{%- set conflict_key = conflict_key or key -%}
{%- set max_chars = 10000 -%}
WITH rows AS (
    SELECT *,
           {% if columns %}greatest({% for c in columns %}length({{ adapter.quote(c) }}){{ ", " if not loop.last }}{% endfor %}){% else %}0{% endif %} > {{ max_chars }} AS _overlong
    FROM {{ staged }}
),
numbered AS (
    SELECT *,
           NOT _overlong AND row_number() OVER (
               PARTITION BY _overlong{% for c in columns %}, {{ adapter.quote(c) }}{% endfor %} ORDER BY _line) > 1 AS _duplicate
    FROM rows
),
checked AS (
    SELECT *,
           CASE WHEN _overlong THEN 'quarantined'
                WHEN _duplicate THEN 'duplicate'
                WHEN reason IN ({{ outside | join(', ') if outside else 'NULL' }}) THEN 'outside'
                WHEN reason IS NOT NULL THEN 'quarantined' END AS _checked
    FROM numbered
),
conflicts AS (
    SELECT *,
           _checked IS NULL AND count(*) FILTER (WHERE _checked IS NULL) OVER (
               PARTITION BY _checked IS NULL{% for k in conflict_key %}, {{ k }}{% endfor %}) > 1 AS _conflict
    FROM checked
)
SELECT *,
       CASE WHEN _conflict THEN 'quarantined' ELSE coalesce(_checked, 'loaded') END AS _status,
       CASE WHEN _overlong THEN 'a cell longer than 10,000 characters'
            WHEN _duplicate THEN NULL
            WHEN _conflict THEN 'conflicting duplicate: same key with different values'
            ELSE reason END AS _reason,
       CASE WHEN _overlong THEN ''
            {% if conflict_record_key %}WHEN _conflict THEN concat_ws('|'{% for k in conflict_record_key %}, {{ adapter.quote(k) }}{% endfor %})
            {% endif %}ELSE {% if key %}concat_ws('|'{% for k in key %}, {{ adapter.quote(k) }}{% endfor %}){% else %}''{% endif %} END AS _record_key,
       {{ raw_values_json(columns, cut='_overlong') }} AS _raw_values
FROM conflicts
{% endmacro %}

{# The raw cells as the JSON object Python's json.dumps(..., ensure_ascii=False) writes. #}
{% macro raw_values_json(columns, cut='false') -%}
{%- if not columns -%}'{}'{%- else -%}
concat('{'{% for c in columns %}, '{{ ("" if loop.first else ", ") ~ (c | tojson).replace("'", "''") }}: ',
       to_json(CASE WHEN {{ cut }} AND length({{ adapter.quote(c) }}) > 10000
                    THEN left({{ adapter.quote(c) }}, 200) || '…' ELSE {{ adapter.quote(c) }} END)::VARCHAR{% endfor %}, '}')
{%- endif -%}
{%- endmacro %}

{# {"reason": n, ...} sorted by reason, as json.dumps(dict(sorted(...))) writes it, over rows of (reason, n). #}
{% macro reason_counts(condition) -%}
'{' || coalesce(string_agg(to_json(reason)::VARCHAR || ': ' || n, ', ' ORDER BY reason) FILTER (WHERE {{ condition }}), '') || '}'
{%- endmacro %}
