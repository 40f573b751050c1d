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


def load_year_span(indicator_codes: Sequence[str], countries: Sequence[str] = ()) -> tuple[int, int] | None:
    """The first and last year in which some indicators have a value (or a suppressed count) for some
    countries (all if empty), whatever the years chosen; None when they have none."""
    row = q(
        """SELECT min(year) AS first, max(year) AS last FROM fct_indicator_values
           WHERE list_contains(?, indicator_code) AND (len(?) = 0 OR list_contains(?, country_iso3))
             AND (value IS NOT NULL OR value_flag = 'suppressed')""",
        (list(indicator_codes), list(countries), list(countries)),
    ).iloc[0]
    return None if pd.isna(row["first"]) else (int(row["first"]), int(row["last"]))


def load_country_values(country_iso3: str) -> pd.DataFrame:
    """Every indicator value of one country."""
    return q(
        f"""SELECT {VALUE_COLUMNS}, i.objective_id, i.kind, i.direction
            FROM fct_indicator_values v JOIN dim_indicators i USING (indicator_code)
            WHERE v.country_iso3 = ?
            ORDER BY i.objective_id NULLS LAST, v.indicator_code, v.year""",
        (country_iso3,),
    )
