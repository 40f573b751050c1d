"""The one rule for "latest" and "rank" (gcm.stats.standing), restated in SQL on the warehouse, so
that tests check the pages against an independent reading of it.

Each country's latest whole year (months_covered NULL or 12, or a border closure) with a value or a
suppressed count; the countries whose latest figure is exact (not suppressed, not a lower bound) are
ranked, unless the indicator is a status (every value 0 or 1), which is never ranked, or the figure is a
rate resting on fewer cases than the minimum: its count in the same country and year (rating.toml's
`events`, else the rate's `derived_numerator` where that is a count of people or events) is below
`min_events` (the bound's, else the file's) or not published. Parameters: `ranked_params(code, lo, hi)`.
"""
import tomllib

from common.paths import DATA_DIR

RANKED_LATEST_SQL = """
    WITH params AS (SELECT ?::VARCHAR AS code, ?::INTEGER AS lo, ?::INTEGER AS hi,
                           ?::VARCHAR AS events_code, ?::INTEGER AS min_events),
    counted AS (
        SELECT coalesce(p.events_code, CASE WHEN n.is_count AND NOT r.is_count THEN r.derived_numerator END)
                   AS numerator, p.min_events
        FROM params p LEFT JOIN dim_indicators r ON r.indicator_code = p.code
        LEFT JOIN dim_indicators n ON n.indicator_code = r.derived_numerator),
    inrange AS (
        SELECT v.* FROM fct_indicator_values v, params p
        WHERE v.indicator_code = p.code AND v.year BETWEEN p.lo AND p.hi),
    latest AS (
        SELECT country_iso3, year, value, value_flag FROM inrange
        WHERE (value IS NOT NULL OR value_flag = 'suppressed')
          AND (months_covered IS NULL OR months_covered >= 12 OR value_flag = 'border_closed')
        QUALIFY year = max(year) OVER (PARTITION BY country_iso3))
    SELECT l.country_iso3, l.value FROM latest l CROSS JOIN counted c
    LEFT JOIN fct_indicator_values e
      ON e.indicator_code = c.numerator AND e.country_iso3 = l.country_iso3 AND e.year = l.year
    WHERE l.value IS NOT NULL AND coalesce(l.value_flag, '') NOT IN ('suppressed', 'lower_bound')
      AND NOT coalesce((SELECT bool_and(value IN (0, 1)) FROM inrange WHERE value IS NOT NULL), false)
      AND (c.numerator IS NULL OR c.min_events = 0
           OR (e.value >= c.min_events AND coalesce(e.value_flag, '') <> 'suppressed'))
"""


def minimum_cases(code: str) -> tuple[str | None, int]:
    """rating.toml as written: a rated indicator's `events` and `min_events`, else (None, the file's
    `min_events`), the minimum for a rate whose count is its derived numerator."""
    with open(DATA_DIR / "rating.toml", "rb") as fh:
        rating = tomllib.load(fh)
    bound = rating.get("bounds", {}).get(code, {})
    if bound.get("events"):
        return bound["events"], int(bound.get("min_events", 0))
    return None, int(rating.get("min_events", 0))


def ranked_params(code: str, lo: int, hi: int) -> list:
    """The parameters of RANKED_LATEST_SQL for one indicator and years."""
    return [code, int(lo), int(hi), *minimum_cases(code)]
