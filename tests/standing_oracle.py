"""The one rule for "latest" and "rank" (gcm.stats.standing), restated in SQL on the warehouse, so
that tests check the pages against an independent reading of it.

Each country's latest whole year (months_covered NULL or 12, or a border closure) with a value or a
suppressed count; the countries whose latest figure is exact (not suppressed, not a lower bound) are
ranked, unless the indicator is a status (every value 0 or 1), which is never ranked. Parameters:
indicator code, first year, last year.
"""
RANKED_LATEST_SQL = """
    WITH params AS (SELECT ?::VARCHAR AS code, ?::INTEGER AS lo, ?::INTEGER AS hi),
    inrange AS (
        SELECT v.* FROM fct_indicator_values v, params p
        WHERE v.indicator_code = p.code AND v.year BETWEEN p.lo AND p.hi),
    latest AS (
        SELECT country_iso3, year, value, value_flag FROM inrange
        WHERE (value IS NOT NULL OR value_flag = 'suppressed')
          AND (months_covered IS NULL OR months_covered >= 12 OR value_flag = 'border_closed')
        QUALIFY year = max(year) OVER (PARTITION BY country_iso3))
    SELECT country_iso3, value FROM latest
    WHERE value IS NOT NULL AND coalesce(value_flag, '') NOT IN ('suppressed', 'lower_bound')
      AND NOT coalesce((SELECT bool_and(value IN (0, 1)) FROM inrange WHERE value IS NOT NULL), false)
"""
