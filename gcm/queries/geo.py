"""Map data: country and territory polygons, Missing Migrants incidents (one by one or grouped by area) and totals."""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from gcm import db
from gcm.queries.core import q

# The indicator whose `months_covered` says how much of each year the incident records cover.
INCIDENT_COVERAGE_INDICATOR = "mmp_incidents"
# Above this many located incidents the map draws areas instead of single incidents: more circles
# than this overlap into a blot at the zoom that shows them all, and make the page slow to send.
POINT_LIMIT = 3000
# Cell sizes tried, finest first (0.1° is about 11 km): the finest with at most POINT_LIMIT cells wins.
GRID_DEGREES = (0.1, 0.25, 0.5, 1.0, 2.0)
# The rows the page's table shows; the download has every incident of the selection.
TABLE_ROWS = 1000

_SELECTION = "(len(?) = 0 OR list_contains(?, country_iso3)) AND year BETWEEN ? AND ?"
_LOCATED = "latitude IS NOT NULL AND longitude IS NOT NULL"


def _selection(countries: Sequence[str], years: tuple[int, int] | None) -> tuple:
    lo, hi = years if years else (0, 9999)
    return (list(countries), list(countries), int(lo), int(hi))


def load_shapes() -> pd.DataFrame:
    """Simplified polygons of the Americas: shape_code, country_iso3 (NULL for territories), name, geometry (GeoJSON text)."""
    return q(
        """SELECT shape_code, country_iso3, name, subregion, geometry
           FROM geo_shapes WHERE geometry IS NOT NULL ORDER BY shape_code"""
    )


def load_incidents(countries: Sequence[str] = (), years: tuple[int, int] | None = None,
                   limit: int | None = None) -> pd.DataFrame:
    """Incidents in some countries of incident (all if empty) and years (all if None), largest first.

    Only the columns the table and its download show; `limit` keeps the largest few. Without a
    limit (a download, once per click) the result is not cached: at 100 times the data it is
    hundreds of megabytes that no rerun needs again.
    """
    run = q if limit is not None else db.query
    return run(
        f"""SELECT incident_id, incident_date, year, country_iso3, location, cause, route, dead_and_missing
            FROM fct_incidents WHERE {_SELECTION}
            ORDER BY dead_and_missing DESC, incident_date DESC, incident_id
            LIMIT ?""",
        (*_selection(countries, years), limit),  # LIMIT NULL is no limit
    )


def load_incident_deaths(countries: Sequence[str] = (), years: tuple[int, int] | None = None) -> pd.DataFrame:
    """country_iso3 and dead_and_missing of every incident of the selection: enough to describe it, and light."""
    return q(f"SELECT country_iso3, dead_and_missing FROM fct_incidents WHERE {_SELECTION}",
             _selection(countries, years))


def incident_grid(countries: Sequence[str] = (), years: tuple[int, int] | None = None) -> float | None:
    """The cell size (degrees) at which the selection's located incidents are grouped, or None to draw each one.

    Cells are counted approximately (HyperLogLog, a few per cent off), which is several times
    cheaper than an exact count at 100 times the data; only the scale depends on it, never a figure shown.
    """
    cells = ", ".join(f"approx_count_distinct(floor(latitude / ?)::BIGINT * 1000000 + floor(longitude / ?)::BIGINT) AS g{i}"
                      for i in range(len(GRID_DEGREES)))
    sizes = tuple(d for d in GRID_DEGREES for _ in (0, 1))
    row = q(f"SELECT count(*) AS located, {cells} FROM fct_incidents WHERE {_SELECTION} AND {_LOCATED}",
            (*sizes, *_selection(countries, years))).iloc[0]
    if int(row["located"]) <= POINT_LIMIT:
        return None
    return next((d for i, d in enumerate(GRID_DEGREES) if int(row[f"g{i}"]) <= POINT_LIMIT), GRID_DEGREES[-1])


def load_incident_points(countries: Sequence[str] = (), years: tuple[int, int] | None = None,
                         grid: float | None = None) -> pd.DataFrame:
    """What the map draws of the located incidents: each one (`grid` None) or one row per cell of `grid` degrees.

    Both have latitude, longitude, country_iso3, dead_and_missing and incidents (1 for a single
    incident). Single incidents add incident_date, location, cause and route; cells sit at the
    mean position of their incidents and add `countries` (ISO3 codes, most incidents first, comma
    separated), first_date and last_date. Cells' dead_and_missing add up to the incidents' own.
    """
    if grid is None:
        return q(
            f"""SELECT latitude, longitude, country_iso3, dead_and_missing, 1 AS incidents,
                       incident_date, location, cause, route
                FROM fct_incidents WHERE {_SELECTION} AND {_LOCATED}
                ORDER BY dead_and_missing, incident_date, incident_id""",
            _selection(countries, years),
        )
    return q(
        f"""WITH located AS (
                SELECT floor(latitude / ?) AS cy, floor(longitude / ?) AS cx, latitude, longitude,
                       country_iso3, dead_and_missing, incident_date
                FROM fct_incidents WHERE {_SELECTION} AND {_LOCATED}),
            per_country AS (
                SELECT cy, cx, country_iso3, count(*) AS n FROM located GROUP BY ALL),
            lead AS (
                SELECT cy, cx, string_agg(coalesce(country_iso3, '?'), ',' ORDER BY n DESC, country_iso3) AS countries,
                       arg_max(country_iso3, n) AS country_iso3
                FROM per_country GROUP BY ALL)
            SELECT avg(l.latitude) AS latitude, avg(l.longitude) AS longitude, any_value(d.country_iso3) AS country_iso3,
                   coalesce(sum(l.dead_and_missing), 0) AS dead_and_missing, count(*) AS incidents,
                   any_value(d.countries) AS countries, min(l.incident_date) AS first_date,
                   max(l.incident_date) AS last_date
            FROM located l JOIN lead d USING (cy, cx)
            GROUP BY l.cy, l.cx
            ORDER BY dead_and_missing, incidents, latitude, longitude""",
        (float(grid), float(grid), *_selection(countries, years)),
    )


def load_incident_totals(countries: Sequence[str], years: tuple[int, int]) -> pd.DataFrame:
    """One row per year of the range: incidents, dead_and_missing, without_coordinates, months_covered.

    `months_covered` is NULL for years the Missing Migrants records do not cover at all (a gap, not a
    zero), and below 12 for a year recorded only in part.
    """
    lo, hi = years
    return q(
        """WITH yrs AS (SELECT unnest(range(?, ? + 1)) AS year),
           inc AS (
               SELECT year, count(*) AS incidents, sum(dead_and_missing) AS dead_and_missing,
                      count(*) FILTER (WHERE latitude IS NULL OR longitude IS NULL) AS without_coordinates
               FROM fct_incidents
               WHERE (len(?) = 0 OR list_contains(?, country_iso3)) AND year BETWEEN ? AND ?
               GROUP BY year),
           cov AS (
               SELECT year, max(months_covered) AS months_covered
               FROM fct_indicator_values WHERE indicator_code = ? GROUP BY year)
           SELECT y.year::INTEGER AS year,
                  coalesce(inc.incidents, 0)::BIGINT AS incidents,
                  coalesce(inc.dead_and_missing, 0)::DOUBLE AS dead_and_missing,
                  coalesce(inc.without_coordinates, 0)::BIGINT AS without_coordinates,
                  cov.months_covered::INTEGER AS months_covered
           FROM yrs y LEFT JOIN inc USING (year) LEFT JOIN cov USING (year)
           ORDER BY y.year""",
        (int(lo), int(hi), list(countries), list(countries), int(lo), int(hi), INCIDENT_COVERAGE_INDICATOR),
    )


def load_mmp_regional() -> pd.DataFrame:
    """IOM's own yearly dead and missing for the Americas (its four regions of incident summed), from
    the older Missing Migrants release that carries IOM's regional split: year, dead_and_missing."""
    return q("SELECT year, sum(dead_and_missing) AS dead_and_missing FROM fct_mmp_regional GROUP BY year ORDER BY year")
