-- Every row of the source's files with what became of it, and each file's counts.
{{ config(materialized='view') }}
{% for t in un_treaties() %}
SELECT 'un-treaty-ratification' AS source, 'hr_status_{{ t }}_lac.csv' AS source_file, _line AS line,
       _record_key AS record_key, _raw_values AS raw_values, _reason AS reason, _status AS status
FROM {{ ref('int_un_treaty_ratification__hr_status_' ~ t ~ '_lac') }}
{{ 'UNION ALL' if not loop.last }}
{% endfor %}
