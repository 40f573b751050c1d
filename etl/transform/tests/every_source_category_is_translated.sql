-- every cause of death, route and GLOTIP category in the marts has its labels: a value with none is listed
-- (a Missing Migrants cause may name several causes joined by commas: each must be known)
-- A warning: a new value shows as the source writes it until it has labels, no reason to keep an older warehouse.
{{ config(severity='warn') }}
WITH causes AS (
    SELECT DISTINCT cause AS value FROM {{ ref('fct_incidents') }} WHERE cause IS NOT NULL
), known_causes AS (
    SELECT source_text FROM {{ ref('dim_source_categories') }} WHERE kind = 'missing_migrants_cause'
), unexplained_causes AS (
    -- remove every known cause (longest first would matter only if one were a prefix of another) and its comma
    SELECT value FROM causes
    WHERE trim(regexp_replace(value, (SELECT string_agg(regexp_escape(source_text), '|') FROM known_causes),
                              '', 'g'), ', ') <> ''
), glotip AS (
    SELECT DISTINCT unnest([category, sex, age]) AS value
    FROM {{ ref('fct_indicator_breakdowns') }}
    WHERE indicator_code LIKE 'glotip%' AND dimension IN ('Total', 'by form of exploitation')
)
SELECT 'missing_migrants_cause' AS kind, value FROM unexplained_causes
UNION ALL
SELECT 'missing_migrants_route', route FROM {{ ref('fct_incidents') }}
WHERE route IS NOT NULL AND route NOT IN (SELECT source_text FROM {{ ref('dim_source_categories') }}
                                          WHERE kind = 'missing_migrants_route')
UNION ALL
SELECT 'unodc_glotip', value FROM glotip
WHERE value IS NOT NULL AND value NOT IN (SELECT source_text FROM {{ ref('dim_source_categories') }}
                                          WHERE kind = 'unodc_glotip')
