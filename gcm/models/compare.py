"""The compare page: two to six countries or peer groups on one indicator, ranked with ties, beside the median."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from gcm.charts import country_colours, country_symbols, ranking_figure, source_note, trend_figure
from gcm.compare import comparison_series, comparison_table
from gcm.describe import describe_comparison, describe_trend, median_rule
from gcm.formatting import number, value_text, year_text
from gcm.i18n import translator
from gcm.models import arrow
from gcm.queries.rating import load_ranking_values
from gcm.queries.reference import country_names, load_countries, load_indicators, load_peer_groups
from gcm.stats import is_binary, ranking_direction, rate_of, standing

GROUP_COLOURS = ["#000000", "#7F7F7F", "#B8860B"]  # a group's line stands apart from the countries'
# gcm.stats.unranked_reason's keys, and a group's (gcm.compare.comparison_table): `cmp_not_ranked_<key>`.
UNRANKED_REASONS = ("few", "suppressed", "lower_bound", "status", "no_value", "group")
CARD_REASONS = {"few", "suppressed", "lower_bound"}  # said on a country's card (a status's card says it apart)
DIRECTION_NOTE = {"higher_is_better": "cmp_direction_higher", "lower_is_better": "cmp_direction_lower"}


def direction_note(code: str, catalogue: pd.DataFrame, lang: str) -> str:
    """How the indicator is ranked, in words: higher or lower values first, or, for a count, by size and
    never better or worse, with the rate that compares countries of different sizes where it has one."""
    tr = translator(lang)
    by_code = catalogue.set_index("indicator_code")
    if not by_code.loc[code, "is_count"]:
        return tr(DIRECTION_NOTE.get(ranking_direction(by_code.loc[code]), "cmp_direction_neutral"))
    rate = rate_of(code, catalogue)
    note = tr("rank_by_size_note")
    return f"{note} {tr('desc_count_rate', rate=by_code.loc[rate, f'name_{lang}'])}" if rate else note


@dataclass(frozen=True)
class Card:
    """A headline number: a country's or group's latest value, or the regional median."""

    label: str
    value: str
    help: str | None
    caption: str


@dataclass(frozen=True)
class CompareModel:
    """The comparison's cards, table, download, charts and their descriptions, ready to show."""

    heading: str  # the indicator's name, with its unit unless the name says it
    direction: str  # how it is ranked: higher or lower values first, or by size
    caveats: str
    table: pd.DataFrame  # one row per country or group (see gcm.compare.comparison_table)
    median: float | None
    ranked: int  # how many countries have a rank
    names: dict[str, str]
    cards: tuple[Card, ...]  # one per row of `table`, then the regional median
    shown_table: pa.Table  # the cards as a table
    export: pd.DataFrame
    export_headers: dict[str, str]  # the download's column names in the reader's language
    trend: object | None
    trend_text: str
    trend_caption: str  # what the trend's median line leaves out ('' without a median line)
    ranking: object | None
    ranking_text: str


def compare_model(code: str, years: tuple[int, int], countries: tuple[str, ...], groups: tuple[str, ...],
                  lang: str, presenting: bool, locale: str = "") -> CompareModel:
    """The comparison of `countries` and peer `groups` (each the median of its members) on one indicator;
    numbers written for `locale` ('es-MX'; the bare language when not given)."""
    tr, fmt = translator(lang), locale or lang
    catalogue = load_indicators()
    ind = catalogue.set_index("indicator_code").loc[code]
    name, unit = str(ind[f"name_{lang}"]), ind[f"unit_{lang}"]
    direction = ranking_direction(ind)
    all_countries = load_countries()
    peer_groups = load_peer_groups()
    group_members = {r.group_code: list(r.members) for r in peer_groups.itertuples()}
    names = country_names(lang) | dict(zip(peer_groups["group_code"], peer_groups[f"name_{lang}"]))
    chosen_groups = {g: group_members[g] for g in groups}
    values = load_ranking_values(code, years)  # with each value's count of cases, where it is a rate
    min_events = int(values["min_events"].max()) if len(values) else 0
    table, median, ranked = comparison_table(values, list(countries), chosen_groups, direction)
    # Why a row has no rank, in the same words on the cards, the table and in the download.
    why = {reason: tr(f"cmp_not_ranked_{reason}", min=min_events) for reason in UNRANKED_REASONS}
    reasons = [why.get(r, "") if not label else "" for r, label in zip(table["unranked"], table["rank_label"])]
    value_texts = [value_text(v, f, u, fmt) for v, f, u in zip(table["value"], table["value_flag"],
                                                                  table["upper_bound"])]
    year_texts = [year_text(y, m, fmt) for y, m in zip(table["year"], table["months_covered"])]
    cards = []
    for row, shown, year, reason in zip(table.itertuples(), value_texts, year_texts, reasons):
        rank = tr("cmp_rank_of", rank=row.rank_label, n=ranked) if row.rank_label else \
            reason if row.unranked in CARD_REASONS else ""
        cards.append(Card(names.get(row.entity, row.entity), shown, year,
                          " · ".join(x for x in [year, rank] if x and x != "–")))
    if is_binary(values):  # a status is counted across the region, never given a median
        latest = standing(values, direction)
        yes = int((latest["value"] == 1).sum())
        cards.append(Card(tr("present_metric_yes"), tr("present_metric_yes_value", yes=yes, total=len(latest)), None,
                          tr("cmp_status_note")))
    else:
        cards.append(Card(tr("regional_median"), number(median, fmt), None, tr("cmp_median_of", n=ranked)))
    # The table a person would download: exactly what the cards show.
    shown_table = pd.DataFrame({
        tr("cmp_col_entity"): [names.get(e, e) for e in table["entity"]],
        tr("cmp_col_value"): value_texts,
        tr("cmp_col_year"): year_texts,
        tr("cmp_col_rank"): [tr("cmp_rank_of", rank=r, n=ranked) if r else reason or "–"
                             for r, reason in zip(table["rank_label"], reasons)],
        tr("cmp_col_vs_median"): [number(v, fmt) for v in table["vs_median"]],
        tr("cmp_col_members"): [f"{a}/{b}" if k == "group" else "" for a, b, k in
                                zip(table["members_with_data"], table["members"], table["kind"])],
    })
    # The download is that table, with numbers kept as numbers and the unit, source and licence added.
    export = pd.DataFrame({
        "code": table["entity"],
        "name": [names.get(e, e) for e in table["entity"]],
        "indicator_code": code,
        "indicator": name,
        "value": table["value"],
        "value_note": [shown if f else "" for shown, f in zip(value_texts, table["value_flag"])],
        "year": table["year"].astype("Int64"),
        "rank": table["rank"].astype("Int64"),
        "rank_note": reasons,
        "countries_ranked": ranked,
        "regional_median": median,
        "vs_median": table["vs_median"],
        "members_with_data": table["members_with_data"],
        "unit": unit,
        "source": ind["source"],
        "licence": ind["licence"],
    })
    export_headers = {
        "code": tr("cmp_col_code"), "name": tr("cmp_col_entity"), "rank": tr("cmp_col_rank"),
        "rank_note": tr("cmp_col_rank_note"),
        "countries_ranked": tr("cmp_col_ranked"), "regional_median": tr("regional_median"),
        "vs_median": tr("cmp_col_vs_median"), "members_with_data": tr("cmp_col_members"),
    }
    colours = country_colours(all_countries["country_iso3"]) | dict(zip(groups, GROUP_COLOURS))
    note = source_note(ind[f"source_{lang}"], years, tr("source_label"))
    series, med = comparison_series(values, list(countries), chosen_groups)
    trend, trend_text, trend_caption = None, "", ""
    if not series.empty:
        trend = trend_figure(series, tr("cmp_trend_title", indicator=name), unit, note, names, colours,
                             median=None if is_binary(values) else med,
                             median_label=tr("regional_median"), lang=fmt,
                             symbols=country_symbols(all_countries["country_iso3"]), presenting=presenting)
        trend_text = describe_trend(series, names, fmt, unit)
        trend_caption = "" if is_binary(values) or med.empty else median_rule(lang, min_events)
    latest = standing(values, direction)
    exact = latest[latest["rank"].notna()].copy()
    ranking, ranking_text = None, ""
    if len(exact):
        exact["label"] = [names.get(c, c) + (" ◀" if c in countries else "") for c in exact["country_iso3"]]
        ranking = ranking_figure(exact, tr("cmp_ranking_title", indicator=name), unit, note, colours, median=median,
                                 median_label=tr("regional_median"), lang=fmt, presenting=presenting,
                                 highlight=list(countries))
        ranking_text = describe_comparison(table, median, names, fmt, unit, min_events)
    caveats = ind[f"caveats_{lang}"]
    return CompareModel(
        heading=name if unit in name else f"{name} ({unit})",
        direction=direction_note(code, catalogue, lang),
        caveats=caveats if isinstance(caveats, str) else "",
        table=table, median=median, ranked=ranked, names=names, cards=tuple(cards), shown_table=arrow(shown_table),
        export=export, export_headers=export_headers, trend=trend, trend_text=trend_text, trend_caption=trend_caption,
        ranking=ranking,
        ranking_text=ranking_text,
    )
