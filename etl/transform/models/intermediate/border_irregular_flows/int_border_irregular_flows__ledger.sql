-- Every row of the source's files with what became of it, and each file's counts.
{{ config(materialized='view') }}
{% set files = ['darien_nat', 'darien_dmg', 'mexico_exp', 'mexico_nat', 'mexico_dmg', 'guatemala', 'honduras',
                'honduras_nat', 'honduras_dmg', 'usa'] %}
{% for f in files %}
SELECT 'border-irregular-flows' AS source, 'gdidata_irreg_{{ f }}.csv' AS source_file, _line AS line,
       _record_key AS record_key, _raw_values AS raw_values, _reason AS reason, _status AS status
FROM {{ ref('int_border_irregular_flows__' ~ f) }}
{{ 'UNION ALL' if not loop.last }}
{% endfor %}
