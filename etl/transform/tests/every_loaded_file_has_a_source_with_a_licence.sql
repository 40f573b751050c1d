-- every loaded file's source is in dim_sources with a licence
SELECT * FROM {{ ref('etl_file_stats') }} AS f
WHERE NOT EXISTS (SELECT 1 FROM {{ ref('dim_sources') }} AS s
                  WHERE s.source_folder = f.source AND coalesce(s.licence, '') <> '')
