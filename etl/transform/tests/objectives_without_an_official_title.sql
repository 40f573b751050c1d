-- GCM objectives without an official title (their gcm-objectives row was quarantined or missing)
-- A warning: worth saying in the summary, not a reason to keep an older warehouse.
{{ config(severity='warn') }}
SELECT objective_id FROM {{ ref('dim_objectives') }} WHERE official_title_en IS NULL
