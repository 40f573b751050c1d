"""Small statistics the pages share: ranks with ties shown as ties, regional medians, latest values.

`standing` is the one rule every page uses for "latest value", "rank" and "regional median", so that a
country has the same rank and the region the same median wherever they are shown.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

# Flags of values that are still exact counts or rates: they are ranked like unflagged ones.
EXACT_FLAGS = {"rounded", "summed", "border_closed"}
MIN_FOR_MEDIAN = 3


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


def median_by_year(values: pd.DataFrame, min_countries: int = MIN_FOR_MEDIAN) -> pd.DataFrame:
    """The median across countries for each whole year with at least `min_countries` figures: those the
    ranking's median counts (`rankable`), so a censored value, a lower bound or a rate on too few cases
    is left out of the trend's median as it is from the ranking's (`standing`)."""
    known = whole_years(values)
    known = known[rankable(known)]
    grouped = known.groupby("year")["value"].agg(["median", "count"]).reset_index()
    grouped = grouped[grouped["count"] >= min_countries]
    return grouped.rename(columns={"median": "value"})[["year", "value", "count"]]


def whole_years(values: pd.DataFrame) -> pd.DataFrame:
    """Rows of whole years: a year the source covers in full, or whose missing months are a border
    closure (value_flag 'border_closed'), not a part-year publication such as January-April 2025."""
    if "months_covered" not in values:
        return values
    months = pd.to_numeric(values["months_covered"], errors="coerce")
    closed = values["value_flag"].eq("border_closed") if "value_flag" in values else False
    return values[months.isna() | (months >= 12) | closed]


def is_binary(values: pd.DataFrame) -> bool:
    """Whether an indicator is a status (party or not, 1 or 0): such a figure is counted, never ranked
    and never given a median ("median 0" and "rank =1 of 35" say nothing of a ratification)."""
    known = values["value"].dropna()
    return bool(len(known)) and set(known.unique()) <= {0.0, 1.0}


def ranking_direction(indicator: Mapping) -> str:
    """The direction every page ranks an indicator by (a catalogue row with `direction` and `is_count`).

    A count of people or events (its unit's `is_count` in data/reference/units.csv) is ranked as a
    neutral indicator, largest first, with no better or worse: it measures a country's size, its place
    on a route and how much its authorities record, not how well it does ("none recorded" is no best
    result; the rating scores no count either). Rates, shares, scores and tiers keep their direction.
    """
    return "neutral" if bool(indicator["is_count"]) else str(indicator["direction"])


def rate_of(code: str, catalogue: pd.DataFrame) -> str | None:
    """The rate computed from the count `code` (the indicator whose `derived_numerator` it is and that is
    not itself a count), or None: where a count's ranking sends a reader who wants to compare countries."""
    rates = catalogue[(catalogue["derived_numerator"] == code) & ~catalogue["is_count"].astype(bool)]
    return str(rates["indicator_code"].iloc[0]) if len(rates) else None


def too_few_events(rows: pd.DataFrame) -> pd.Series:
    """Rows whose figure rests on fewer events than its `min_events` (a missing count is too few: a year
    with none recorded is below any minimum); all False without those columns or with a minimum of 0."""
    if "events" not in rows or "min_events" not in rows:
        return pd.Series(False, index=rows.index)
    minimum = pd.to_numeric(rows["min_events"], errors="coerce").fillna(0)
    events = pd.to_numeric(rows["events"], errors="coerce")
    return (minimum > 0) & ~(events >= minimum)


def few_cases(rows: pd.DataFrame) -> pd.Series:
    """Rows with a value that is a rate resting on too few events (`too_few_events`): shown, never ranked,
    in no median, and on a map filled apart from the classes of the others."""
    return too_few_events(rows) & rows["value"].notna()


def _inexact(rows: pd.DataFrame) -> pd.Series:
    """Rows whose value flag makes the figure inexact (censored, a lower bound): any flag but EXACT_FLAGS."""
    if "value_flag" not in rows:
        return pd.Series(False, index=rows.index)
    return rows["value_flag"].notna() & ~rows["value_flag"].isin(EXACT_FLAGS)


def rankable(rows: pd.DataFrame) -> pd.Series:
    """Rows whose figure may be ranked and counted in a median: a value that is exact (unflagged, or a
    flag of EXACT_FLAGS), so neither censored nor a lower bound, and not a rate resting on too few events
    (`too_few_events`). The one test of every ranking and every median (`standing`, `median_by_year`,
    a peer group's median)."""
    return rows["value"].notna() & ~_inexact(rows) & ~too_few_events(rows)


def unranked_reason(rows: pd.DataFrame, binary: bool = False) -> pd.Series:
    """Why each row's figure is not ranked, as a key: 'status' (a 0/1 status is never ranked), its value
    flag ('suppressed', 'lower_bound'), 'few' (a rate on too few events), 'no_value'; '' where it is ranked."""
    if binary:
        return pd.Series("status", index=rows.index, dtype=object)
    flagged = _inexact(rows)
    reason = pd.Series("", index=rows.index, dtype=object)
    reason[rows["value"].isna()] = "no_value"
    reason[few_cases(rows)] = "few"
    if flagged.any():
        reason[flagged] = rows.loc[flagged, "value_flag"]
    return reason


def standing(values: pd.DataFrame, direction: str = "higher_is_better") -> pd.DataFrame:
    """Each country's latest whole-year figure in `values` (one indicator, already within the years
    chosen), its rank among the countries and the regional median: the one rule of every page.
    `direction` is the indicator's `ranking_direction` (a count ranks as neutral).

    A partial year is never latest. A suppressed or lower-bound latest figure stays the latest (no
    older figure stands in for it) but is not ranked and not in the median; so does a rate resting on
    fewer events than it needs (`few`: columns `events` and `min_events`, from
    gcm.queries.rating.load_ranking_values; a missing count is too few, as in the rating). Ranks are
    competition ranks with ties ('=2'), best first (largest first for a neutral indicator); the median
    is that of the ranked figures, NaN with fewer than three. A status (0/1, `is_binary`) is never
    ranked and has no median. Columns: those of `values`, then few, rank, rank_label, ranked (how many
    countries are ranked), median and unranked (why a row has no rank, `unranked_reason`); sorted by rank,
    unranked last.
    """
    latest = latest_usable(whole_years(values))
    if latest.empty:
        return latest.assign(few=pd.Series(dtype=bool), rank=pd.Series(dtype="Int64"),
                             rank_label=pd.Series(dtype=object), ranked=pd.Series(dtype="int64"),
                             median=pd.Series(dtype="float64"), unranked=pd.Series(dtype=object))
    binary = is_binary(values)
    few = few_cases(latest)
    exact = rankable(latest) & (not binary)
    ranks = rank_with_ties(latest["value"].where(exact), higher_is_better=direction != "lower_is_better")
    shown = latest.assign(few=few, rank=ranks["rank"], rank_label=ranks["rank_label"], ranked=int(exact.sum()),
                          median=latest.loc[exact, "value"].median() if exact.sum() >= MIN_FOR_MEDIAN else np.nan,
                          unranked=unranked_reason(latest, binary))
    return shown.sort_values(["rank", "country_iso3"], na_position="last", kind="stable").reset_index(drop=True)
