-- treaty_<treaty>_party for four treaties that matter to migration governance: per country and year
-- 1990-2022, 1 while the country is a state party, else 0. The series assumes no withdrawal
-- between ratification and 2022 unless a note says the treaty was denounced (the source has no
-- other record of withdrawals); a denounced treaty whose note gives no year cannot be dated: no
-- series rather than a guess. Each value carries the as-of date of the status (status_as_of).
WITH parties AS (
    SELECT country_iso3, 'treaty_' || treaty_code || '_party' AS indicator_code, is_party, ratification_year,
           denounced, denounced_year, _file AS source_file
    FROM {{ ref('int_un_treaty_ratification__files') }}
    WHERE _status = 'loaded' AND treaty_code IN ('icmw', 'op_crc_sc', 'cped', 'opcat')
)
SELECT country_iso3, indicator_code, years.year,
       (is_party AND coalesce(years.year >= ratification_year, false)
                 AND coalesce(years.year < denounced_year, true))::DOUBLE AS value,
       NULL::VARCHAR AS value_flag, NULL::DOUBLE AS upper_bound, NULL::BIGINT AS months_covered, source_file,
       {{ un_treaty_status_as_of() }} AS status_as_of
FROM parties
CROSS JOIN range(1990, 2023) AS years(year)
WHERE NOT (denounced AND denounced_year IS NULL)
