-- every input row is accounted for (read = loaded + quarantined + duplicates + outside the scope)
SELECT * FROM {{ ref('etl_file_stats') }}
WHERE rows_read <> rows_loaded + rows_quarantined + rows_duplicate + rows_out_of_scope
