"""Map data: country and territory polygons, Missing Migrants incidents and their yearly totals."""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from gcm.queries.core import q

# The indicator whose `months_covered` says how much of each year the incident records cover.
INCIDENT_COVERAGE_INDICATOR = "mmp_incidents"


def load_shapes() -> pd.DataFrame:
    """Simplified polygons of the Americas: shape_code, country_iso3 (NULL for territories), name, geometry (GeoJSON text)."""
    return q(
        """SELECT shape_code, country_iso3, name, subregion, geometry
           FROM geo_shapes WHERE geometry IS NOT NULL ORDER BY shape_code"""
    )


def load_incidents(countries: Sequence[str] = (), years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Incidents in some countries of incident (all if empty) and years (all if None), largest first."""
    lo, hi = years if years else (0, 9999)
    return q(
        """SELECT incident_id, incident_date, year, month, incident_type, country_iso3, location, cause,
                  route, dead_and_missing, survivors, latitude, longitude
           FROM fct_incidents
           WHERE (len(?) = 0 OR list_contains(?, country_iso3)) AND year BETWEEN ? AND ?
           ORDER BY dead_and_missing DESC, incident_date DESC, incident_id""",
        (list(countries), list(countries), int(lo), int(hi)),
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
