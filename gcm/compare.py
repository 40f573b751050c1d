"""Side-by-side comparison of countries and peer groups on one indicator: pure pandas, no Streamlit."""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from gcm.stats import median_by_year, rankable, standing, whole_years


def comparison_table(
    values: pd.DataFrame,
    countries: Sequence[str],
    groups: Mapping[str, Sequence[str]],
    direction: str,
) -> tuple[pd.DataFrame, float | None, int]:
    """Rows for the chosen countries and groups: latest value, year, rank among all countries, gap to the median.

    `values` holds every country's series for one indicator in the chosen years. A group's value is
    the median of its members' ranked latest values (members with data are counted). Censored values
    (`<5`) and rates on too few cases (`few`, where `values` has their counts: load_ranking_values) are
    shown but not ranked, `unranked` saying why ('group' for a group, which is never ranked; see
    gcm.stats.unranked_reason). Latest, rank and median follow gcm.stats.standing, as on every page.
    Returns the table, the regional median and how many countries were ranked.
    """
    latest = standing(values, direction)
    exact = latest[latest["rank"].notna()]
    ranks = latest.set_index("country_iso3")[["rank", "rank_label"]]
    median = float(latest["median"].iloc[0]) if len(latest) and pd.notna(latest["median"].iloc[0]) else None
    by_code = latest.set_index("country_iso3")
    rows = []
    for code in countries:
        if code in by_code.index:
            r = by_code.loc[code]
            rows.append({
                "entity": code, "kind": "country", "value": r["value"], "value_flag": r["value_flag"],
                "upper_bound": r["upper_bound"], "year": int(r["year"]), "months_covered": r["months_covered"],
                "rank": ranks["rank"].get(code, pd.NA), "rank_label": ranks["rank_label"].get(code, ""),
                "few": bool(r["few"]), "unranked": r["unranked"], "members_with_data": 1, "members": 1,
            })
        else:
            rows.append({"entity": code, "kind": "country", "value": np.nan, "value_flag": None, "upper_bound": np.nan,
                         "year": pd.NA, "months_covered": pd.NA, "rank": pd.NA, "rank_label": "", "few": False,
                         "unranked": "no_value", "members_with_data": 0, "members": 1})
    for code, members in groups.items():
        have = exact[exact["country_iso3"].isin(list(members))]
        rows.append({
            "entity": code, "kind": "group",
            "value": float(have["value"].median()) if len(have) else np.nan,
            "value_flag": None, "upper_bound": np.nan,
            "year": int(have["year"].max()) if len(have) else pd.NA, "months_covered": pd.NA,
            "rank": pd.NA, "rank_label": "", "few": False, "unranked": "group", "members_with_data": int(len(have)),
            "members": len(members),
        })
    table = pd.DataFrame(rows)
    if median is not None and len(table):
        # A figure left out of the median is not placed against it either (a lower bound, too few cases).
        table["vs_median"] = table["value"].where(table["unranked"].isin(["", "group"])) - median
        table["vs_median_pct"] = np.where(median != 0, table["vs_median"] / median * 100, np.nan)
    else:
        table["vs_median"] = np.nan
        table["vs_median_pct"] = np.nan
    return table, median, int(len(exact))


def comparison_series(values: pd.DataFrame, countries: Sequence[str],
                      groups: Mapping[str, Sequence[str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Yearly series for the chosen countries and groups (group = median of members), and the regional median."""
    exact = values[values["value"].notna()]
    columns = ["country_iso3", "year", "value"] + (["months_covered"] if "months_covered" in values else [])
    parts = [exact[exact["country_iso3"].isin(list(countries))][columns]]
    # A group's median is of whole years only: members' part-year figures are not comparable with them;
    # nor are a censored value, a lower bound or a rate on too few cases, left out of every median (rankable).
    whole = whole_years(exact)
    whole = whole[rankable(whole)]
    for code, members in groups.items():
        grp = whole[whole["country_iso3"].isin(list(members))].groupby("year")["value"].median().reset_index()
        parts.append(grp.assign(country_iso3=code))
    series = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    return series, median_by_year(values)
