{#
  The checks the ten gdidata files of border-irregular-flows share (what the adapter's `_check` did):
  a first-of-month date `t`, a whole count `n` and, in the files by nationality, a nationality code.
#}

{#
  Every raw row of `relation` with its date, count and (if `nat` names a column) nationality parsed:
    period (TIMESTAMP), period_year, period_month, period_day  NULL when `t` is no date;
    n_status, n_value, n_upper                                 parse_number;
    nat_code, nat_known, nat_in_scope                          the code upper-cased, gdidata's OOO as
                                                               UNK ("" stays ""); known: an ISO3 code,
                                                               a pseudo-code, TIB or blank.
  Dates and codes are parsed once per distinct text.
#}
{% macro bif_parsed(relation, nat=none) -%}
WITH raw AS (
    SELECT * FROM {{ relation }}
),
dates AS (
    {{ bif_dates('(SELECT DISTINCT t AS text FROM raw)') }}
){% if nat %},
nats AS (
    SELECT n.text, n.code AS nat_code,
           n.code IN ('', 'TIB') OR coalesce(codes.is_iso3 OR codes.is_pseudo, false) AS nat_known,
           coalesce(codes.in_scope, false) AS nat_in_scope
    FROM (SELECT text, CASE WHEN upper(text) = 'OOO' THEN 'UNK' ELSE upper(text) END AS code
          FROM (SELECT DISTINCT {{ adapter.quote(nat) }} AS text FROM raw)) AS n
    LEFT JOIN {{ source('reference', 'ref_codes') }} AS codes ON codes.code = n.code
){% endif %}
SELECT raw.*,
       dates.period, dates.period_year, dates.period_month, dates.period_day,
       {{ parse_number('raw.n', 'n') }}{% if nat %},
       nats.nat_code, nats.nat_known, nats.nat_in_scope{% endif %}
FROM raw
LEFT JOIN dates ON dates.text = raw.t
{%- if nat %}
LEFT JOIN nats ON nats.text = raw.{{ adapter.quote(nat) }}
{%- endif %}
{%- endmacro %}

{#
  The reasons of `_check`, strongest first, as the WHEN lines of a CASE over bif_parsed's columns.
  A blank nationality is "missing" unless `blank_nat_ok` (CBP's totals before Oct 2019).
#}
{% macro bif_reasons(nat=false, blank_nat_ok=false) -%}
WHEN period_year IS NULL THEN 'invalid date (expected YYYY-MM-01)'
           WHEN period_day <> 1 THEN 'date not the first of a month'
           WHEN period_year < 2000 OR period_year > year(current_date) THEN 'impossible year'
           WHEN n_status = 'missing' THEN 'missing count'
           WHEN n_status <> 'ok' THEN 'non-numeric count'
           WHEN n_value < 0 THEN 'negative count'
           WHEN n_value % 1 <> 0 THEN 'non-integer count'
{%- if nat %}
{%- if not blank_nat_ok %}
           WHEN nat_code = '' THEN 'missing nationality code'
{%- endif %}
           WHEN NOT nat_known THEN 'unknown nationality code'
{%- endif %}
{%- endmacro %}

{#
  Each text of the one-column query `texts` (column `text`) read as pandas' to_datetime(format="%Y-%m-%d")
  read it in the adapter: its ISO parser (a 4-digit year, or "-" and 1 to 4 digits, year 0 included;
  month and day of 1 or 2 digits), else its strptime pattern (a year of 4 Unicode decimal digits from
  1, month 1[0-2]|0[1-9]|[1-9], day 3[01]|[12]\d|0[1-9]|[1-9]| [1-9], \d any Unicode digit), a valid
  proleptic Gregorian date either way; "today" and "now" are the current time.
  Columns: text, period (TIMESTAMP; NULL outside years 1-9999), period_year, period_month, period_day.
#}
{% macro bif_dates(texts) -%}
{#- the code point of each Unicode decimal digit zero beyond ASCII (category Nd, Unicode 14 as in Python 3.11) -#}
{%- set zeros = [1632, 1776, 1984, 2406, 2534, 2662, 2790, 2918, 3046, 3174, 3302, 3430, 3558, 3664, 3792,
                 3872, 4160, 4240, 6112, 6160, 6470, 6608, 6784, 6800, 6992, 7088, 7232, 7248, 42528, 43216,
                 43264, 43472, 43504, 43600, 44016, 65296, 66720, 68912, 69734, 69872, 69942, 70096, 70384,
                 70736, 70864, 71248, 71360, 71472, 71904, 72016, 72784, 73040, 73120, 92768, 92864, 93008,
                 120782, 120792, 120802, 120812, 120822, 123200, 123632, 125264, 130032] -%}
SELECT text,
       CASE WHEN valid THEN CASE WHEN is_now THEN current_localtimestamp()
                                 WHEN y BETWEEN 1 AND 9999 THEN make_timestamp(y, m, d, 0, 0, 0) END
       END AS period,
       CASE WHEN valid THEN y END AS period_year,
       CASE WHEN valid THEN m END AS period_month,
       CASE WHEN valid THEN d END AS period_day
FROM (
    SELECT *,
           is_now OR (m BETWEEN 1 AND 12
                   AND d BETWEEN 1 AND CASE WHEN m = 2 THEN CASE WHEN (y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0
                                                                 THEN 29 ELSE 28 END
                                            WHEN m IN (4, 6, 9, 11) THEN 30 ELSE 31 END
                   AND (iso.y <> '' OR y >= 1)) AS valid
    FROM (
        SELECT text, is_now, iso,
               CASE WHEN is_now THEN year(current_localtimestamp()) WHEN iso.y <> '' THEN TRY_CAST(iso.y AS BIGINT)
                    WHEN by_pattern THEN TRY_CAST(left(ascii, 4) AS BIGINT) END AS y,
               CASE WHEN is_now THEN month(current_localtimestamp()) WHEN iso.y <> '' THEN TRY_CAST(iso.m AS BIGINT)
                    WHEN by_pattern THEN TRY_CAST(split_part(ascii, '-', 2) AS BIGINT) END AS m,
               CASE WHEN is_now THEN day(current_localtimestamp()) WHEN iso.y <> '' THEN TRY_CAST(iso.d AS BIGINT)
                    WHEN by_pattern THEN TRY_CAST(trim(split_part(ascii, '-', 3)) AS BIGINT) END AS d
        FROM (
            SELECT text, text IN ('today', 'now') AS is_now,
                   regexp_extract(text, '^(-[0-9]{1,4}|[0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$', ['y', 'm', 'd']) AS iso,
                   ascii,
                   -- the year and a day's second digit may be any decimal digit, the rest ASCII only
                   regexp_full_match(text, '.{4}-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12].|0[1-9]|[1-9]| [1-9])')
                   AND regexp_full_match(ascii, '[0-9]{4}-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9])') AS by_pattern
            FROM (
                SELECT texts.text, translate(texts.text, digits.chars, digits.ascii) AS ascii
                FROM {{ texts }} AS texts,
                     (SELECT string_agg(chr(CAST(zero + k AS INTEGER)), '' ORDER BY zero, k) AS chars,
                             repeat('0123456789', {{ zeros | length }}) AS ascii
                      FROM unnest({{ zeros }}) AS z(zero), range(10) AS r(k)) AS digits
            )
        )
    )
)
{%- endmacro %}

{#
  A file of Darién or Honduras arrivals by demographic group (`demog`: men, women, boys, girls), each
  group also as sex and age (group_sex, group_age) so that it compares with the other files.
#}
{% macro bif_demographic(relation) -%}
WITH parsed AS (
    {{ bif_parsed(relation) }}
),
groups (label, group_sex, group_age) AS (
    VALUES ('men', 'male', 'adult'), ('women', 'female', 'adult'), ('boys', 'male', 'child'), ('girls', 'female', 'child')
)
SELECT parsed.*, groups.group_sex, groups.group_age,
       CASE {{ bif_reasons() }}
           WHEN groups.label IS NULL THEN 'unknown demographic group'
       END AS reason
FROM parsed
LEFT JOIN groups ON groups.label = parsed.demog
{%- endmacro %}
