-- Honduras irregular arrivals by demographic group (INM): every raw row with its date, count and
-- group parsed, and the reason it cannot be loaded (macros/border_irregular_flows.sql).
{{ bif_demographic(source('border_irregular_flows', 'honduras_dmg')) }}
