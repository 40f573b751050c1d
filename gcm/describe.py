"""One or two sentences that say what a chart shows, from its data, in English, Spanish or Portuguese.

Pure functions, no Streamlit: a page puts the text under the chart (st.caption) and passes it as the
chart's `alt` text, so a screen reader, a report and a slide all get the same words. Censored
("<5") and missing values are never described as numbers; ties are named as ties.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import Mapping, Sequence

import pandas as pd

from common.paths import REFERENCE_DIR
from gcm.formatting import number
from gcm.i18n import t
from gcm.stats import MIN_FOR_MEDIAN, few_cases, is_binary, rank_with_ties

BASELINE_YEAR = 2018  # the GCM's adoption: trends are read from here
MAX_NAMED = 4  # a tie among more countries is given as a count
MAX_TIE_GROUPS = 3
PLOTLY_LOCALES = REFERENCE_DIR / "plotly_locales.toml"


def chart_config(filename: str, lang: str = "en") -> dict:
    """Plotly config whose toolbar camera saves a 2x PNG named `filename` (runs in the browser), with the
    toolbar's tooltips and notices in the page's language (`lang`)."""
    return {"toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}, "displaylogo": False,
            **plotly_locale(lang)}


@lru_cache(maxsize=4)
def plotly_locale(lang: str) -> dict:
    """plotly.js's `locale` and `locales` config for the page's language: the dictionary of plotly.js's own
    locale file (data/reference/plotly_locales.toml), English (plotly.js's own words) for 'en'."""
    with open(PLOTLY_LOCALES, "rb") as fh:
        data = tomllib.load(fh)
    if lang not in data:
        return {}
    words = dict(data[lang]["dictionary"])
    words |= {new: words[old] for new, old in data["renamed"].items() if old in words}
    tag = data[lang]["locale"]
    return {"locale": tag, "locales": {tag: {"dictionary": words}}}


def image_name(*parts: object) -> str:
    """'gcm-objective-10-glotip_victims_rate-2014-2025' from its parts; only [A-Za-z0-9_-] kept."""
    text = "-".join(str(p) for p in ("gcm", *parts) if p is not None and str(p) != "")
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text)


def join_names(items: Sequence[str], lang: str) -> str:
    """'A', 'A and B', 'A, B and C' in the reader's language."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t("desc_and", lang) + items[-1]


def amount(value: float, unit: str, lang: str) -> str:
    """A number with its unit: '3.5 (per 100,000 population)'."""
    shown = number(value, lang)
    return t("desc_value_unit", lang, value=shown, unit=unit) if unit else shown


def _known(data: pd.DataFrame) -> pd.DataFrame:
    return data[data["value"].notna()] if len(data) else data


def _whole_years(data: pd.DataFrame) -> pd.DataFrame:
    """Rows of complete years: a part-year total (`months_covered` < 12) is not comparable with a whole year."""
    if "months_covered" not in data or data.empty:
        return data
    return data[data["months_covered"].isna() | (data["months_covered"] >= 12)]


def describe_trend(series: pd.DataFrame, names: Mapping[str, str], lang: str = "en", unit: str = "",
                   baseline: int = BASELINE_YEAR) -> str:
    """Lines over years (`country_iso3`, `year`, `value`): who is highest in the latest year, and the change
    since `baseline` (or that country's first year shown when it has no value for the baseline).
    Part years (`months_covered` < 12, e.g. January–April 2025) are left out of both."""
    known = _whole_years(_known(series))
    if known.empty:
        return t("desc_empty", lang)
    year = int(known["year"].max())
    last = known[known["year"] == year]
    top_value = float(last["value"].max())
    top = sorted(last.loc[last["value"] == top_value, "country_iso3"].unique())
    top_names = [names.get(c, c) for c in top]
    value = amount(top_value, unit, lang)
    if known["country_iso3"].nunique() == 1:
        first = t("desc_trend_single", lang, year=year, country=top_names[0], value=value)
    elif len(top) > 1:
        # A shared top value: no single line to follow back in time.
        return t("desc_trend_top_tie", lang, year=year, countries=join_names(top_names, lang), value=value)
    else:
        first = t("desc_trend_top", lang, year=year, country=top_names[0], value=value)
    own = known[(known["country_iso3"] == top[0]) & (known["year"] < year)]
    if own.empty:
        return first
    base_rows = own[own["year"] == baseline]
    base_row = base_rows.iloc[0] if len(base_rows) else own.sort_values("year").iloc[0]
    base_year, base = int(base_row["year"]), float(base_row["value"])
    key = "desc_change_up" if top_value > base else "desc_change_down" if top_value < base else "desc_change_same"
    return first + " " + t(key, lang, base=number(base, lang), base_year=base_year)


def median_rule(lang: str, min_events: int = 0) -> str:
    """What a trend's regional median line leaves out (gcm.stats.median_by_year): the figures the ranking
    leaves out, with the fewest cases a rate needs where that rule applies (`min_events` > 0)."""
    if min_events:
        return t("trend_median_rule", lang, n=MIN_FOR_MEDIAN, min=min_events)
    return t("trend_median_rule_exact", lang, n=MIN_FOR_MEDIAN)


def _tie_text(ranks: pd.DataFrame, names: Mapping[str, str], lang: str) -> str:
    """'=3: Colombia and Peru; =7: 12 countries' for every shared rank below first."""
    shared = ranks[ranks["rank_label"].str.startswith("=") & (ranks["rank"] > 1)]
    parts = []
    # Best rank first: the index is in country order, which put =22 before =19.
    for label, grp in sorted(shared.groupby("rank_label", sort=False), key=lambda g: int(g[1]["rank"].iloc[0])):
        codes = sorted(grp.index)
        who = (join_names([names.get(c, c) for c in codes], lang) if len(codes) <= MAX_NAMED
               else t("desc_n_countries", lang, n=len(codes)))
        parts.append(f"{label}: {who}")
    if not parts:
        return ""
    more = "; …" if len(parts) > MAX_TIE_GROUPS else ""
    return t("desc_rank_ties", lang, ties="; ".join(parts[:MAX_TIE_GROUPS]) + more).replace("….", "…")


def named_or_counted(codes: Sequence[str], names: Mapping[str, str], lang: str) -> str:
    """Up to MAX_NAMED countries by name ('Brazil and Chile'), more as a count ('26 countries')."""
    if len(codes) <= MAX_NAMED:
        return join_names([names.get(c, c) for c in codes], lang)
    return t("desc_n_countries", lang, n=len(codes))


def describe_unranked(few: Sequence[str], names: Mapping[str, str], lang: str, min_events: int) -> str:
    """Which countries are not ranked because their rate rests on fewer than `min_events` cases ('' if none)."""
    few = sorted(few)
    if not few:
        return ""
    if len(few) == 1:
        return t("desc_rank_few_one", lang, country=names.get(few[0], few[0]), min=min_events)
    return t("desc_rank_few", lang, countries=named_or_counted(few, names, lang), min=min_events)


def describe_ranking(values: pd.Series, names: Mapping[str, str], lang: str = "en", unit: str = "",
                     higher_is_better: bool = True, count: bool = False, rate: str = "",
                     few: Sequence[str] = (), min_events: int = 0) -> str:
    """Bars by rank (values indexed by `country_iso3`): who is first, the median, and where the ties are;
    then the countries `few` left unranked because their rate rests on fewer than `min_events` cases.

    A `count` (ranked by size, gcm.stats.ranking_direction) is described in neutral words, who has the
    largest count, and sends the reader to its `rate` (the rate's name) where it has one."""
    values = values.dropna()
    unranked = describe_unranked(few, names, lang, min_events)
    if unranked and len(values) <= 1:  # not "the only country with a value": the unranked ones have one
        code = values.index[0] if len(values) else None
        ranked = t("desc_rank_top_one", lang, country=names.get(code, code),
                   value=amount(values.iloc[0], unit, lang)) if code else ""
    else:
        ranked = describe_ranked(values, names, lang, unit, higher_is_better, count, rate)
    return " ".join(p for p in (ranked, unranked) if p)


def describe_ranked(values: pd.Series, names: Mapping[str, str], lang: str, unit: str, higher_is_better: bool,
                    count: bool, rate: str) -> str:
    if values.empty:
        return t("desc_empty", lang)
    if len(values) == 1:
        code = values.index[0]
        return t("desc_rank_single", lang, country=names.get(code, code), value=amount(values.iloc[0], unit, lang))
    ranks = rank_with_ties(values, higher_is_better or count).sort_index()
    first = sorted(ranks.index[ranks["rank"] == 1])
    top_value = amount(values.loc[first[0]], unit, lang)
    median = number(float(values.median()), lang)
    prefix = "desc_count" if count else "desc_rank"
    if count and values.loc[first[0]] == 0:  # every count is 0: none "has the largest count"
        text = t("desc_count_none", lang, n=len(values), unit=unit)
    elif len(first) == 1:
        text = t(f"{prefix}_top", lang, country=names.get(first[0], first[0]), value=top_value,
                 n=len(values), median=median)
    else:
        text = t(f"{prefix}_top_tie", lang, countries=named_or_counted(first, names, lang), value=top_value,
                 n=len(values), median=median)
    ties = _tie_text(ranks, names, lang)
    parts = [text, ties, t("desc_count_rate", lang, rate=rate) if count and rate else ""]
    return " ".join(p for p in parts if p)


def describe_comparison(table: pd.DataFrame, median: float | None, names: Mapping[str, str],
                        lang: str = "en", unit: str = "", min_events: int = 0) -> str:
    """The chosen countries or groups (`entity`, `value`) against the regional median. A row the ranking
    leaves out (`unranked`, gcm.stats.unranked_reason: a censored value, a lower bound, a rate on fewer
    than `min_events` cases) is said to be unranked and why, in the words of the cards and the table,
    never placed above or below the median."""
    if median is None or pd.isna(median) or table.empty:
        return t("desc_empty", lang)
    items = []
    for entity, value, upper, why in zip(table["entity"], table["value"], table["upper_bound"], table["unranked"]):
        name = names.get(entity, entity)
        if why == "suppressed" and pd.notna(upper):
            items.append(t("desc_cmp_censored", lang, name=name, value=number(upper, lang)))
        elif why == "few":
            items.append(t("desc_cmp_few", lang, name=name, value=number(value, lang), min=min_events))
        elif why == "lower_bound":
            items.append(t("desc_cmp_lower_bound", lang, name=name, value=number(value, lang)))
        elif pd.isna(value):
            items.append(t("desc_cmp_none", lang, name=name))
        else:
            key = "desc_cmp_above" if value > median else "desc_cmp_below" if value < median else "desc_cmp_equal"
            items.append(t(key, lang, name=name, value=number(value, lang)))
    return t("desc_cmp", lang, median=amount(median, unit, lang), items="; ".join(items))


def describe_values_map(rows: pd.DataFrame, names: Mapping[str, str], lang: str = "en", unit: str = "") -> str:
    """Countries filled by a value (`country_iso3`, `value`, `year`): how many, and the highest; then those
    whose rate rests on too few cases (gcm.stats.few_cases), shaded apart and never called the highest."""
    few = few_cases(rows)
    known = _known(rows[~few])
    few_text = describe_few_on_map(sorted(rows.loc[few, "country_iso3"]), names, lang,
                                   int(rows["min_events"].max()) if few.any() else 0)
    if known.empty:
        return " ".join(p for p in (t("desc_map_no_values", lang), few_text) if p)
    years = sorted(int(y) for y in known["year"].unique())
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    if is_binary(known):  # a status: how many at 1 and at 0, never "the highest value is in 26 countries: 1"
        return t("desc_map_status", lang, n=known["country_iso3"].nunique(), years=span,
                 yes=known.loc[known["value"] == 1, "country_iso3"].nunique(),
                 no=known.loc[known["value"] == 0, "country_iso3"].nunique(),
                 unit=f" ({unit})" if unit else "")
    top_value = float(known["value"].max())
    top = known[known["value"] == top_value].sort_values("country_iso3")
    who = join_names([names.get(c, c) for c in top["country_iso3"]], lang) if len(top) <= MAX_NAMED \
        else t("desc_n_countries", lang, n=len(top))
    filled = t("desc_map_values", lang, n=known["country_iso3"].nunique(), years=span, countries=who,
               value=amount(top_value, unit, lang))
    return " ".join(p for p in (filled, few_text) if p)


def describe_few_on_map(few: Sequence[str], names: Mapping[str, str], lang: str, min_events: int) -> str:
    """Which countries a map shades apart because their rate rests on fewer than `min_events` cases ('' if none)."""
    if not few:
        return ""
    if len(few) == 1:
        return t("desc_map_few_one", lang, country=names.get(few[0], few[0]), min=min_events)
    return t("desc_map_few", lang, countries=named_or_counted(few, names, lang), min=min_events)


def describe_incidents(incidents: pd.DataFrame, names: Mapping[str, str], years: str, lang: str = "en") -> str:
    """Missing Migrants incidents (`country_iso3`, `dead_and_missing`): the total and the country with most."""
    if incidents.empty:
        return t("desc_incidents_none", lang, years=years)
    dead = incidents.groupby("country_iso3")["dead_and_missing"].sum()
    most = dead[dead == dead.max()].sort_index()
    who = join_names([names.get(c, c) for c in most.index], lang) if len(most) <= MAX_NAMED \
        else t("desc_n_countries", lang, n=len(most))
    return t("desc_incidents", lang, n=number(len(incidents), lang), years=years,
             dead=number(float(incidents["dead_and_missing"].sum()), lang), countries=who,
             most=number(float(most.iloc[0]), lang))


def describe_map(rows: pd.DataFrame | None, incidents: pd.DataFrame | None, names: Mapping[str, str],
                 years: str, lang: str = "en", unit: str = "") -> str:
    """The map page's layers: the fill's values and the incidents, each in a sentence when shown."""
    parts = []
    if rows is not None:
        parts.append(describe_values_map(rows, names, lang, unit))
    if incidents is not None:
        parts.append(describe_incidents(incidents, names, years, lang))
    return " ".join(parts) if parts else t("desc_map_no_layers", lang)


def describe_scorecard(grid: pd.DataFrame, objective_names: Mapping[int, str], lang: str = "en") -> str:
    """The scorecard grid (`country_iso3`, `objective_id`, `score_class`): how many cells are rated in each
    class, which objective has the most countries in the best class shown, and how many cells are not rated."""
    from gcm.rating import SCORE_CLASSES, rating_label

    cells = len(grid)
    if cells == 0:
        return t("desc_empty", lang)
    counts = grid["score_class"].value_counts()
    rated = int(sum(counts.get(c, 0) for c in SCORE_CLASSES))
    gaps = dict(cells=number(cells, lang), insufficient=number(int(counts.get("insufficient", 0)), lang),
                context=number(int(counts.get("context", 0)), lang))
    if rated == 0:
        return t("desc_scorecard_none", lang, **gaps)
    shown = "; ".join(f"{rating_label(c, lang)}: {number(int(counts[c]), lang)}"
                      for c in SCORE_CLASSES if counts.get(c, 0))
    first = t("desc_scorecard", lang, rated=number(rated, lang), counts=shown, **gaps)
    best_class = next(c for c in SCORE_CLASSES if counts.get(c, 0))
    per_objective = grid[grid["score_class"] == best_class].groupby("objective_id")["country_iso3"].nunique()
    most = sorted(int(o) for o in per_objective.index[per_objective == per_objective.max()])
    objectives = join_names([t("desc_objective", lang, objective=o, name=objective_names.get(o, o)) for o in most],
                            lang)
    best = t("desc_scorecard_best", lang, label=rating_label(best_class, lang), objectives=objectives,
             n=int(per_objective.max()))
    return f"{first} {best}"
