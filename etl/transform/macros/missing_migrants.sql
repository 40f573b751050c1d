{#
  Missing Migrants: text read as the Python adapter read it (Python 3.11, Unicode 14.0). Its
  regular expressions, str.strip() and float() know every Unicode decimal digit and space, where
  DuckDB's regular expressions and trim() know ASCII ones; its dates were read by
  pandas.to_datetime(format="%Y-%m-%d").
#}

{# The first code point of each run of ten Unicode decimal digits 0-9 (category Nd): what Python's \d matches. #}
{% macro mmp_digit_zeros() -%}
{{ return([48, 1632, 1776, 1984, 2406, 2534, 2662, 2790, 2918, 3046, 3174, 3302, 3430, 3558, 3664, 3792,
           3872, 4160, 4240, 6112, 6160, 6470, 6608, 6784, 6800, 6992, 7088, 7232, 7248, 42528, 43216,
           43264, 43472, 43504, 43600, 44016, 65296, 66720, 68912, 69734, 69872, 69942, 70096, 70384,
           70736, 70864, 71248, 71360, 71472, 71904, 72016, 72784, 73040, 73120, 92768, 92864, 93008,
           120782, 120792, 120802, 120812, 120822, 123200, 123632, 125264, 130032]) }}
{%- endmacro %}

{# The code points Python's \s matches and str.strip() removes (str.isspace). #}
{% macro mmp_space_points() -%}
{{ return([9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197,
           8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288]) }}
{%- endmacro %}

{# A class of a regular expression (DuckDB's RE2) matching what Python's \d matches. #}
{% macro mmp_digit_class() -%}
[{% for z in mmp_digit_zeros() %}\x{{ '{%x}' | format(z) }}-\x{{ '{%x}' | format(z + 9) }}{% endfor %}]
{%- endmacro %}

{# A class of a regular expression (DuckDB's RE2) matching what Python's \s matches. #}
{% macro mmp_space_class() -%}
[{% for p in mmp_space_points() %}\x{{ '{%x}' | format(p) }}{% endfor %}]
{%- endmacro %}

{# `text` with every Unicode decimal digit as its ASCII digit, as Python's int() and float() read them
   (translate() is slow: ASCII text, where the byte and character counts agree, passes as it is). #}
{% macro mmp_ascii_digits(text) -%}
CASE WHEN strlen({{ text }}) = length({{ text }}) THEN {{ text }}
     ELSE translate({{ text }}, '{% for z in mmp_digit_zeros() %}{% for i in range(10) %}{{ '%c' | format(z + i) }}{% endfor %}{% endfor %}',
                    '{% for z in mmp_digit_zeros() %}0123456789{% endfor %}') END
{%- endmacro %}

{# Python's str.strip(): `text` without the spaces (str.isspace) at either end. #}
{% macro mmp_strip(text) -%}
trim({{ text }}, {% for p in mmp_space_points() %}chr({{ p }}){{ ' || ' if not loop.last }}{% endfor %})
{%- endmacro %}

{#
  The DATE pandas.to_datetime(text, format="%Y-%m-%d", errors="coerce") gives, else NULL. pandas
  reads ASCII "YYYY-M[M]-D[D]" or "-Y[YYY]-M[M]-D[D]" (years 0 and below included); where that
  fails, its strptime reads four Unicode digits (year 1 on), a month 1-12 in ASCII and a day that
  may be " 5" or end in a Unicode digit. An impossible day (February 30) is no date.
#}
{% macro mmp_parse_date(text) -%}
{%- set d = mmp_digit_class() -%}
coalesce(
    CASE WHEN regexp_full_match({{ text }}, '([0-9]{4}|-[0-9]{1,4})-[0-9]{1,2}-[0-9]{1,2}') THEN TRY_CAST({{ text }} AS DATE) END,
    CASE WHEN regexp_full_match({{ text }}, '{{ d }}{4}-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]{{ d }}|0[1-9]|[1-9]| [1-9])')
          AND NOT starts_with({{ mmp_ascii_digits(text) }}, '0000')
         THEN TRY_CAST(replace({{ mmp_ascii_digits(text) }}, ' ', '') AS DATE) END)
{%- endmacro %}

{#
  A "lat, lon" text as <prefix>_lat and <prefix>_lon (DOUBLE; both NULL where the text is not two
  numbers), as Python's re read it with ^\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*$
  and float() then read each number (Unicode digits included; too many digits is infinite).
#}
{% macro mmp_coordinates(text, prefix) -%}
{%- set d, s = mmp_digit_class(), mmp_space_class() -%}
{%- set number = '[-+]?' ~ d ~ '+(?:[.]' ~ d ~ '+)?' -%}
{%- set pattern = '^' ~ s ~ '*(' ~ number ~ ')' ~ s ~ '*,' ~ s ~ '*(' ~ number ~ ')' ~ s ~ '*$' -%}
{%- for part in ['lat', 'lon'] -%}
TRY_CAST({{ mmp_ascii_digits("regexp_extract(" ~ text ~ ", '" ~ pattern ~ "', " ~ loop.index ~ ")") }} AS DOUBLE) AS {{ prefix }}_{{ part }}{{ ',' if not loop.last }}
{% endfor -%}
{%- endmacro %}

{#
  The codes a list of nationalities names ("SLV,GTM, mex,UNK"), in order: upper-cased, split at
  commas, each stripped as str.strip() does, blanks dropped (a code named twice stays twice).
#}
{% macro mmp_code_list(text) -%}
list_filter(list_transform(string_split(upper({{ text }}), ','), lambda code: {{ mmp_strip('code') }}), lambda code: code <> '')
{%- endmacro %}

{# The MMP regions of incident in the Americas, as a SQL list (the regional totals' rows, in this order). #}
{% macro mmp_americas_regions() -%}
['North America', 'Central America', 'Caribbean', 'South America']
{%- endmacro %}
