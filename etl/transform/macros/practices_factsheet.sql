{# The role of the codes in a parenthesis of countries_iso3, from the words before its first code
   (`label`, lower case): checked in order; in a regional row "(+ESP;AND)" or "(later COL;ECU;PER)"
   lists further members; anything else names partners. Needs the row's `regional`. #}
{% macro paren_role(label) -%}
CASE WHEN regexp_matches({{ label }}, 'beneficiar|users|^for\b') THEN 'beneficiary'
     WHEN regexp_matches({{ label }}, 'operating in') THEN 'operating_in'
     WHEN regexp_matches({{ label }}, 'origin') THEN 'origin'
     WHEN regexp_matches({{ label }}, 'requested by') THEN 'requester'
     WHEN regexp_matches({{ label }}, 'with|^and\b|partner') THEN 'partner'
     WHEN regional AND regexp_full_match({{ label }}, '(\+|later|also)?') THEN 'member'
     ELSE 'partner' END
{%- endmacro %}

{# "none found", "no change"... or blank: a later_changes text (or clause) that records no change. #}
{% macro no_change(text) -%}
regexp_matches({{ text }}, '(?i)^\s*(none found|none|no change|no later change)\b|^\s*$')
{%- endmacro %}
