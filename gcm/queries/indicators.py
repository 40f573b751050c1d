"""Indicator values: series, latest values and coverage, always with source and licence."""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from gcm.queries.core import q

VALUE_COLUMNS = """v.country_iso3, v.indicator_code, v.year, v.value, v.value_flag, v.upper_bound,
                   v.months_covered, v.source, v.licence"""


def load_values(indicator_codes: Sequence[str], countries: Sequence[str] = (),
                years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Values of some indicators for some countries (all if empty) and a year range (all if None)."""
    lo, hi = years if years else (0, 9999)
    return q(
        f"""SELECT {VALUE_COLUMNS}
            FROM fct_indicator_values v
            WHERE list_contains(?, v.indicator_code)
              AND (len(?) = 0 OR list_contains(?, v.country_iso3))
              AND v.year BETWEEN ? AND ?
            ORDER BY v.indicator_code, v.country_iso3, v.year""",
        (list(indicator_codes), list(countries), list(countries), int(lo), int(hi)),
    )


def load_objective_values(objective_id: int, countries: Sequence[str] = (),
                          years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Values of every indicator tagged with an objective."""
    lo, hi = years if years else (0, 9999)
    return q(
        f"""SELECT {VALUE_COLUMNS}, i.kind, i.direction
            FROM fct_indicator_values v JOIN dim_indicators i USING (indicator_code)
            WHERE i.objective_id = ?
              AND (len(?) = 0 OR list_contains(?, v.country_iso3))
              AND v.year BETWEEN ? AND ?
            ORDER BY v.indicator_code, v.country_iso3, v.year""",
        (int(objective_id), list(countries), list(countries), int(lo), int(hi)),
    )


def load_country_values(country_iso3: str) -> pd.DataFrame:
    """Every indicator value of one country."""
    return q(
        f"""SELECT {VALUE_COLUMNS}, i.objective_id, i.kind, i.direction
            FROM fct_indicator_values v JOIN dim_indicators i USING (indicator_code)
            WHERE v.country_iso3 = ?
            ORDER BY i.objective_id NULLS LAST, v.indicator_code, v.year""",
        (country_iso3,),
    )


def load_coverage(indicator_codes: Sequence[str] = (), years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Per indicator and country: how many years have a value, and the latest year (for coverage matrices)."""
    lo, hi = years if years else (0, 9999)
    return q(
        """SELECT indicator_code, country_iso3, count(*) FILTER (WHERE value IS NOT NULL OR value_flag IS NOT NULL)
                  AS years_with_data, max(year) AS latest_year
           FROM fct_indicator_values
           WHERE (len(?) = 0 OR list_contains(?, indicator_code)) AND year BETWEEN ? AND ?
           GROUP BY ALL ORDER BY indicator_code, country_iso3""",
        (list(indicator_codes), list(indicator_codes), int(lo), int(hi)),
    )
