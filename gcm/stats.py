"""Small statistics the pages share: ranks with ties shown as ties, regional medians, latest values."""
from __future__ import annotations

import pandas as pd


def rank_with_ties(values: pd.Series, higher_is_better: bool = True) -> pd.DataFrame:
    """Competition ranks ('1, =2, =2, 4'): `rank` (int, NaN for missing values) and `rank_label`."""
    ranks = values.rank(method="min", ascending=not higher_is_better)
    counts = ranks.map(ranks.value_counts())
    labels = [
        "" if pd.isna(r) else (f"={int(r)}" if c > 1 else f"{int(r)}")
        for r, c in zip(ranks, counts)
    ]
    return pd.DataFrame({"rank": ranks.astype("Int64"), "rank_label": labels}, index=values.index)


def usable(values: pd.DataFrame) -> pd.DataFrame:
    """Rows that say something: a value, or a suppressed (censored) count."""
    return values[values["value"].notna() | (values["value_flag"] == "suppressed")]


def latest_usable(values: pd.DataFrame) -> pd.DataFrame:
    """Each country's latest row with a value or a censored value; a censored latest year counts as latest."""
    known = usable(values)
    if known.empty:
        return known
    idx = known.groupby("country_iso3")["year"].idxmax()
    return known.loc[idx].reset_index(drop=True)


def latest_per_country(values: pd.DataFrame) -> pd.DataFrame:
    """Each country's most recent row with a value (`country_iso3`, `year`, `value` …)."""
    known = values[values["value"].notna()]
    if known.empty:
        return known
    idx = known.groupby("country_iso3")["year"].idxmax()
    return known.loc[idx].reset_index(drop=True)


def median_by_year(values: pd.DataFrame, min_countries: int = 3) -> pd.DataFrame:
    """The median across countries for each year with at least `min_countries` values."""
    known = values[values["value"].notna()]
    grouped = known.groupby("year")["value"].agg(["median", "count"]).reset_index()
    grouped = grouped[grouped["count"] >= min_countries]
    return grouped.rename(columns={"median": "value"})[["year", "value", "count"]]
