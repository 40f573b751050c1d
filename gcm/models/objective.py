"""The objective page and its storyboard: one indicator's trend, ranking and map, practices and prompts.

The objective page shows an indicator over the years the reader picked (`indicator_view`); a
storyboard step shows the same charts over every year, laid out for one shared screen
(`storyboard_slide`). Both are built here from the same pieces, so a slide and the page agree.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import pandas as pd
import pyarrow as pa

from gcm import maps
from gcm.caveats import caveat_for, first_sentence
from gcm.charts import country_colours, country_symbols, ranking_figure, source_note, status_figure, trend_figure
from gcm.describe import (describe_ranking, describe_trend, describe_unranked, describe_values_map, join_names,
                          median_rule)
from gcm.export import tidy_values
from gcm.formatting import number, value_text, year_text
from gcm.i18n import translator
from gcm.models import arrow, marked_titles
from gcm.queries.geo import load_shapes
from gcm.queries.practices import load_practices
from gcm.queries.rating import load_ranking_values
from gcm.queries.reference import (country_names, load_caveats, load_countries, load_indicators, load_objectives,
                                   load_value_flags)
from gcm.stats import is_binary, latest_usable, median_by_year, ranking_direction, rate_of, standing, whole_years

KIND_ORDER = {"outcome": 0, "policy": 1, "context": 2}
TOP_N = 6          # lines on a trend: more say nothing
# A storyboard step, one idea per screen at 1280x720 in presenter mode: under the step bar and a
# two-line heading (about 200 px) a chart and its description must end above the fold. The heading
# names the chart there, so the figure drops its own title.
TOP_RANKED = 12    # bars on a storyboard comparison
TOP_RANKED_PRESENTING = 8  # bars that stay readable on one shared screen
PRACTICES_SHOWN = 4
SUMMARY_CHARS = 180
CHART_HEIGHT_PRESENTING = 390
RANKING_HEIGHT_PRESENTING = 354  # its description may name tied ranks or the unranked: three lines of text
MAP_HEIGHT_PRESENTING = 350  # leaves three lines under the map for its caveat, under a two-line title, within 720 px
MAP_COLUMN_PX = (700, MAP_HEIGHT_PRESENTING)  # the map's share of a 1200 px row (3 of 5), for the fit
CHART_KINDS = ("headline", "trend", "map", "comparison")


def catalogue(lang: str) -> pd.DataFrame:
    """Indicators with data; `unit`, `definition` and `caveats` in `lang`, as every page reads them."""
    ind = load_indicators()
    return ind.assign(unit=ind[f"unit_{lang}"], definition=ind[f"definition_{lang}"], caveats=ind[f"caveats_{lang}"])


def world_names(lang: str) -> dict[str, str]:
    """Names of every country: practices involve partners beyond the dashboard's 35."""
    from practices.record import country_options

    return dict(country_options(lang)) | country_names(lang)


def prompts(objective: int, lang: str) -> tuple[str, ...]:
    """The round table's questions on an objective (none when it has no prompts)."""
    text = translator(lang)(f"obj_prompts_{objective}")
    return () if text.startswith("obj_prompts_") else tuple(text.split("|"))


@dataclass(frozen=True)
class IndicatorData:
    """One indicator in one language: its values, each country's latest, and the source line for its charts."""

    code: str
    name: str
    unit: str
    direction: str
    lang: str
    values: pd.DataFrame
    latest: pd.DataFrame  # the ranked countries' latest whole-year figures, best first (gcm.stats.standing);
    # for a status (`binary`), every country's latest status, none ranked
    few: pd.DataFrame  # latest figures kept but not ranked: rates resting on fewer than `min_events` cases
    median: float  # the regional median of those figures (NaN with fewer than three, and for a status)
    note: str
    caveat: str  # the indicator's caveat in `lang`, shown under a headline or a map
    names: Mapping[str, str]
    colours: Mapping[str, str]
    symbols: Mapping[str, str]
    binary: bool = False  # a status (party or not): counted, never ranked
    locale: str = ""  # how its numbers are written ('es-MX'); `lang` when not given
    count: bool = False  # a count of people or events: ranked by size, never better or worse
    rate: str = ""  # for a count, the name of the rate computed from it, where there is one
    min_events: int = 0  # the fewest cases a rate needs to be ranked (0: no such rule for this indicator)

    @property
    def fmt(self) -> str:
        """The tag the charts, sentences and cards write numbers with (gcm.formatting)."""
        return self.locale or self.lang

    @property
    def higher_is_better(self) -> bool:
        return self.direction != "lower_is_better"

    def t(self, key: str, **values: object) -> str:
        return translator(self.lang)(key, **values)


def indicator_data(code: str, years: tuple[int, int] | None, lang: str, locale: str = "") -> IndicatorData:
    """The indicator's values in `years` (every year if None); the source line names the years shown;
    numbers written for `locale` ('es-MX')."""
    catalogue = load_indicators()
    by_code = catalogue.set_index("indicator_code")
    ind = by_code.loc[code]
    rate = rate_of(code, catalogue) if ind["is_count"] else None  # where a count's ranking sends the reader
    values = load_ranking_values(code, years)  # with each value's count of cases, where it is a rate
    if years is None:
        known = values[values["value"].notna()]
        years = (int(known["year"].min()), int(known["year"].max())) if len(known) else None
    countries = load_countries()["country_iso3"]
    direction = ranking_direction(ind)
    ranks = standing(values, direction)
    binary = is_binary(values)
    latest = ranks[ranks["value"].notna()] if binary else ranks[ranks["rank"].notna()]
    return IndicatorData(
        code=code, name=str(ind[f"name_{lang}"]), unit=ind[f"unit_{lang}"], direction=direction, lang=lang,
        values=values, latest=latest.reset_index(drop=True), few=ranks[ranks["few"]].reset_index(drop=True),
        binary=binary, min_events=int(values["min_events"].max()) if len(values) else 0,
        median=float(ranks["median"].iloc[0]) if len(ranks) else float("nan"),
        note=source_note(ind[f"source_{lang}"], years, translator(lang)("source_label")),
        caveat=ind[f"caveats_{lang}"] if isinstance(ind[f"caveats_{lang}"], str) else "",
        names=country_names(lang), colours=country_colours(countries), symbols=country_symbols(countries),
        locale=locale, count=bool(ind["is_count"]),
        rate=str(by_code.loc[rate, f"name_{lang}"]) if rate else "",
    )


def top_countries(latest: pd.DataFrame, n: int = TOP_N) -> list[str]:
    """The countries with the largest latest values: too many lines say nothing."""
    return latest.sort_values("value", ascending=False)["country_iso3"].head(n).tolist()


def trend_chart(data: IndicatorData, shown: Sequence[str], title: str, presenting: bool,
                height: int = 460) -> tuple[object, str]:
    """The shown countries' lines with the regional median, and the sentence that describes them."""
    series = data.values[data.values["country_iso3"].isin(shown) & data.values["value"].notna()]
    fig = trend_figure(series, title, data.unit, data.note, data.names, data.colours,
                       median=None if data.binary else median_by_year(data.values),
                       median_label=data.t("regional_median"), lang=data.fmt,
                       symbols=data.symbols, presenting=presenting, height=height)
    return fig, describe_trend(series, data.names, data.fmt, data.unit)


def ranked(data: IndicatorData, latest: pd.DataFrame) -> pd.DataFrame:
    """Latest values best first, with their regional ranks (ties share one) and the country's name as `label`."""
    out = latest.sort_values(["rank", "country_iso3"]).copy()
    out["label"] = [data.names.get(c, c) for c in out["country_iso3"]]
    return out


def first_and_chosen(rows: pd.DataFrame, shown: int, chosen: Sequence[str]) -> pd.DataFrame:
    """The first `shown` rows of a ranking, with the chosen countries among them even when they rank
    lower: they take the last places. Then every bar's label starts with its rank, so the gap shows."""
    rows = rows.reset_index(drop=True)
    wanted = rows["country_iso3"].isin(chosen)
    keep = rows[wanted].head(shown)
    keep = rows.loc[sorted([*keep.index, *rows[~wanted].head(shown - len(keep)).index])]
    if list(keep.index) == list(range(len(keep))):
        return keep
    return keep.assign(label=[f"{r} · {name}" for r, name in zip(keep["rank_label"], keep["label"])])


def leading(rows: pd.DataFrame) -> int:
    """How many of `rows` (from `first_and_chosen`) are the ranking's first places, with no gap."""
    return next((i for i, at in enumerate(rows.index) if at != i), len(rows))


def status_chart(data: IndicatorData, latest: pd.DataFrame, title: str, presenting: bool,
                 height: int | None = None) -> tuple[object, str, pd.DataFrame]:
    """A status (party or not) as two counted bars naming their countries, never a ranking or a median."""
    rows = latest.assign(label=[data.names.get(c, c) for c in latest["country_iso3"]])
    rows = rows.sort_values(["value", "label"], ascending=[False, True])
    yes, no = (rows.loc[rows["value"] == v, "label"].tolist() for v in (1, 0))
    labels = (data.t("status_yes"), data.t("status_no"))
    years = f"{int(rows['year'].min())}–{int(rows['year'].max())}" if rows["year"].nunique() > 1 else str(
        int(rows["year"].max()))
    fig = status_figure(labels, (yes, no), title, data.unit, data.note, lang=data.fmt, presenting=presenting,
                        height=height)
    text = data.t("desc_status", yes=len(yes), total=len(rows), years=years, name=data.name)
    return fig, text, rows.assign(rank_label="")


def ranking_chart(data: IndicatorData, latest: pd.DataFrame, title: str, presenting: bool,
                  shown: int | None = None, height: int | None = None,
                  chosen: Sequence[str] = ()) -> tuple[object, str, pd.DataFrame]:
    """Bars of the latest values (the first `shown`), the chosen countries highlighted, the median of all
    of them, its sentence, and the ranks; for a status, how many countries are at 1 and at 0 instead."""
    if data.binary:
        return status_chart(data, latest, title, presenting, height)
    rows = ranked(data, latest)
    fig = ranking_figure(rows if shown is None else first_and_chosen(rows, shown, chosen), title, data.unit,
                         data.note, data.colours,
                         median=data.median, median_label=data.t("regional_median"),
                         lang=data.fmt, presenting=presenting, height=height, highlight=chosen)
    text = describe_ranking(latest.set_index("country_iso3")["value"], data.names, data.fmt, data.unit,
                            data.higher_is_better, count=data.count, rate=data.rate,
                            few=data.few["country_iso3"].tolist(), min_events=data.min_events)
    return fig, text, rows


def values_map(data: IndicatorData, focus: Sequence[str], legend_title: str, presenting: bool,
               size_px: tuple[int, int] = maps.MAP_SIZE_PX, vertical: bool = False,
               legend_caveat: bool = True) -> tuple[object, object, str]:
    """The map of each country's latest value, its legend as a figure, and the sentence that describes it.
    `legend_caveat`: the caveat's first sentence in the legend (a storyboard step has it under the map)."""
    labels = maps.map_labels(data.t)
    last = latest_usable(whole_years(data.values))
    deck = maps.latest_values_deck(data.values, load_shapes(), names=data.names, labels=labels, indicator=data.name,
                                   unit=data.unit, focus=list(focus), lang=data.fmt, presenting=presenting,
                                   size_px=size_px)
    legend = maps.legend_figure(maps.legend_items(last, labels, list(focus), data.fmt), title=legend_title,
                                note=data.note, presenting=presenting, vertical=vertical,
                                caveat=first_sentence(data.caveat) if legend_caveat else "")
    return deck, legend, describe_values_map(last, data.names, data.fmt, data.unit)


# The objective page.

@dataclass(frozen=True)
class ObjectiveModel:
    """An objective's indicators, the one shown in detail, its practices and the round table's questions."""

    objective: int
    indicators: pd.DataFrame  # the objective's indicators: outcome, then policy, then context
    overview: pa.Table  # that list as the page shows it
    code: str | None  # the indicator shown in detail: the URL's, else the headline one, else the first
    name: str
    about: str  # its definition and unit, under its name
    caveats: str
    practices: pa.Table  # the practices table as shown (no rows: none)
    prompts: tuple[str, ...]


def objective_model(objective: int, indicator: str | None, countries: tuple[str, ...], lang: str) -> ObjectiveModel:
    """Everything the objective page shows around the chosen indicator's charts."""
    tr = translator(lang)
    cat = catalogue(lang)
    indicators = cat[cat["objective_id"] == objective].copy()
    indicators["order"] = indicators["kind"].map(KIND_ORDER)
    indicators = indicators.sort_values(["order", "indicator_code"])
    overview = pd.DataFrame({
        tr("obj_col_indicator"): indicators[f"name_{lang}"],
        tr("obj_col_kind"): [tr(f"kind_{k}") for k in indicators["kind"]],
        tr("obj_col_unit"): indicators["unit"],
        tr("obj_col_years"): [f"{a}–{b}" for a, b in zip(indicators["first_year"], indicators["last_year"])],
        tr("obj_col_countries"): indicators["countries"],
    })
    codes = indicators["indicator_code"].tolist()
    code, name, about, caveats = None, "", "", ""
    if codes:
        headline = load_objectives().set_index("objective_id").loc[objective, "headline_indicator"]
        code = indicator if indicator in codes else (headline if headline in codes else codes[0])
        ind = cat.set_index("indicator_code").loc[code]
        name, about = str(ind[f"name_{lang}"]), f"{ind['definition']} · {tr('obj_unit')}: {ind['unit']}"
        caveats = ind["caveats"] if isinstance(ind["caveats"], str) else ""
    found = load_practices(objective, list(countries), lang)
    world = world_names(lang)
    practices = pd.DataFrame({
        tr("obj_col_practice"): marked_titles(found, tr),
        tr("obj_col_countries_list"): [", ".join(world.get(c, c) for c in cs) for cs in found["countries"]],
        tr("obj_col_start"): found["year_start"],
        tr("obj_col_main"): [tr("yes") if p else "" for p in found["is_primary_for_objective"]],
    })
    return ObjectiveModel(objective, indicators, arrow(overview), code, name, about, caveats, arrow(practices),
                          prompts(objective, lang))


@dataclass(frozen=True)
class IndicatorView:
    """One indicator's charts, map, table and their descriptions, ready to show."""

    values: pd.DataFrame
    trend: object
    trend_text: str
    ranking: object
    ranking_text: str
    deck: object
    legend: object
    map_text: str
    map_alt: str
    table: pa.Table  # the ranking as shown
    binary: bool = False  # a status: the table and chart count, they do not rank
    ranking_caption: str = ""  # how the ranks are made (none for a status); a count says it is ranked by size
    trend_caption: str = ""  # what the trend's median line leaves out (none for a status, which has no median)


def indicator_view(code: str, years: tuple[int, int], chosen: tuple[str, ...], lang: str,
                   presenting: bool, locale: str = "") -> IndicatorView | None:
    """The indicator's part of the objective page (None when it has no values in the years); numbers
    written for `locale` ('es-MX'; the bare language when not given)."""
    data = indicator_data(code, years, lang, locale)
    fmt = data.fmt
    if data.latest.empty and data.few.empty:
        return None
    trend, trend_text = trend_chart(data, list(chosen) or top_countries(data.latest) or top_countries(data.few),
                                    data.t("obj_trend_title", indicator=data.name), presenting)
    ranking, ranking_text, rows = ranking_chart(data, data.latest, data.t("obj_ranking_title", indicator=data.name),
                                                presenting, chosen=chosen)
    deck, legend, map_text = values_map(data, chosen, data.name, presenting)
    # Below the ranked rows, the latest figures that rest on too few cases: shown, marked, never ranked.
    if len(data.few):
        few = ranked(data, data.few).sort_values("label").assign(rank_label="–")
        rows = pd.concat([rows, few], ignore_index=True)
    first = ({data.t("obj_col_status"): [data.t("status_yes" if v == 1 else "status_no") for v in rows["value"]]}
             if data.binary else {data.t("obj_col_rank"): rows["rank_label"]})
    table = pd.DataFrame(first | {
        data.t("obj_col_country"): rows["label"],
        data.t("obj_col_value"): [value_text(v, f, u, fmt) for v, f, u in
                                  zip(rows["value"], rows["value_flag"], rows["upper_bound"])],
        data.t("obj_col_year"): [year_text(y, m, fmt) for y, m in zip(rows["year"], rows["months_covered"])],
    })
    if len(data.few):
        table[data.t("obj_col_note")] = [data.t("rank_few_note", min=data.min_events) if unranked else ""
                                         for unranked in rows["few"].fillna(False).astype(bool)]
    caption = "" if data.binary else data.t("obj_ranking_caption")
    if data.min_events and not data.binary:
        caption += " " + data.t("rank_few_caption", min=data.min_events)
    if data.count:  # ranked by size, before how ties and censored values are ranked
        caption = data.t("rank_by_size_note") + " " + caption
    return IndicatorView(data.values, trend, trend_text, ranking, ranking_text, deck, legend, map_text,
                         data.t("obj_map_alt", indicator=data.name) + " " + map_text, arrow(table), data.binary,
                         caption, "" if data.binary else median_rule(data.lang, data.min_events))


def values_download(values: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The values behind the charts in the export shape, names in the reader's language."""
    return tidy_values(values, indicators=catalogue(lang), countries=load_countries(), objectives=load_objectives(),
                       lang=lang)


# The storyboard's steps.

@dataclass(frozen=True)
class ChartSlide:
    """A storyboard step about one indicator; `empty` when it has no values to show."""

    kind: str
    empty: bool = False
    metrics: tuple[tuple[str, str], ...] = ()  # headline: (label, value) per card
    figure: object = None  # trend or ranking
    text: str = ""  # what the chart shows, in words (its alt text too)
    note: str = ""  # said after the text: which countries, how many bars, unit and source
    caveat: str = ""  # under a headline or a map: what qualifies the figures shown
    deck: object = None
    legend: object = None
    map_alt: str = ""


def storyboard_slide(kind: str, code: str, countries: tuple[str, ...], lang: str, presenting: bool,
                     locale: str = "") -> ChartSlide:
    """A headline, trend, map or comparison step on one indicator, over every year it has (numbers written
    for `locale`, 'es-MX'; the bare language when not given)."""
    data = indicator_data(code, None, lang, locale)
    latest = data.latest
    if latest.empty:
        return ChartSlide(kind, empty=True)
    # Presenting, the step's heading names the chart: the figure drops its own title.
    title = (lambda key: "" if presenting else data.t(key, indicator=data.name))
    if kind == "headline":
        return ChartSlide(kind, metrics=headline_metrics(data), note=data.t("present_unit_note", unit=data.unit,
                                                                             source=data.note),
                          caveat=first_sentence(headline_caveat(data)) if presenting else headline_caveat(data))
    if kind == "trend":
        chosen = [c for c in countries if c in set(latest["country_iso3"])] or top_countries(latest)
        fig, text = trend_chart(data, chosen, title("obj_trend_title"), presenting,
                                height=CHART_HEIGHT_PRESENTING if presenting else 460)
        note = data.t("present_chosen_countries") if countries else data.t("present_top_n", n=len(chosen))
        if not presenting and not data.binary:  # presenting, a step must fit one screen
            note += " " + median_rule(data.lang, data.min_events)
        return ChartSlide(kind, figure=fig, text=text, note=note)
    if kind == "comparison":
        shown = TOP_RANKED_PRESENTING if presenting else TOP_RANKED
        fig, text, rows = ranking_chart(data, latest, title("obj_ranking_title"), presenting, shown=shown,
                                        height=RANKING_HEIGHT_PRESENTING if presenting else None, chosen=countries)
        return ChartSlide(kind, figure=fig, text=text, note=ranking_note(data, rows, shown, countries))
    # A map: presenting, beside a stacked legend and the description, so the step fits one screen.
    deck, legend, text = values_map(data, countries, data.unit, presenting,
                                    size_px=MAP_COLUMN_PX if presenting else maps.MAP_SIZE_PX, vertical=presenting,
                                    legend_caveat=False)
    return ChartSlide(kind, text=text, deck=deck, legend=legend,
                      caveat=first_sentence(data.caveat) if presenting else data.caveat,
                      map_alt=data.t("obj_map_alt", indicator=data.name) + " " + text)


def ranking_note(data: IndicatorData, rows: pd.DataFrame, shown: int, chosen: Sequence[str]) -> str:
    """Which bars a storyboard's ranking shows: the first places, and the chosen countries below them;
    then the chosen countries that have no bar because their rate rests on too few cases."""
    unranked = describe_unranked([c for c in chosen if c in set(data.few["country_iso3"])], data.names, data.lang,
                                 data.min_events)
    return " ".join(p for p in (bars_note(data, rows, shown, chosen), unranked) if p)


def bars_note(data: IndicatorData, rows: pd.DataFrame, shown: int, chosen: Sequence[str]) -> str:
    if len(rows) <= shown or data.binary:
        return ""
    bars = first_and_chosen(rows, shown, chosen)
    first = leading(bars)
    if first == len(bars):
        return data.t("present_ranked_top", n=shown, total=len(rows))
    below = [data.names.get(c, c) for c in bars["country_iso3"].iloc[first:]]
    return data.t("present_ranked_top_and_chosen", n=first, total=len(rows), countries=join_names(below, data.lang))


def headline_caveat(data: IndicatorData) -> str:
    """The caveat of the headline's first card: the one recorded for its country and year, else its
    value flag's meaning, else the indicator's."""
    if data.latest.empty or set(data.latest["value"].unique()) <= {0, 1}:
        return data.caveat
    top = data.latest.sort_values(["value", "country_iso3"], ascending=[False, True]).iloc[0]
    return caveat_for(data.code, top["country_iso3"], int(top["year"]), top.get("value_flag"), data.lang,
                      load_caveats(), load_value_flags(), data.caveat)


def headline_metrics(data: IndicatorData) -> tuple[tuple[str, str], ...]:
    """Three cards: the highest value (or how many say yes), the median (or the years), countries with data."""
    latest, t = data.latest, data.t
    if set(latest["value"].unique()) <= {0, 1}:
        first = (t("present_metric_yes"),
                 t("present_metric_yes_value", yes=int((latest["value"] == 1).sum()), total=len(latest)))
        second = (t("present_metric_years"), f"{int(latest['year'].min())}–{int(latest['year'].max())}")
    else:
        top = latest.sort_values(["value", "country_iso3"], ascending=[False, True]).iloc[0]
        first = (t("present_metric_highest", country=data.names.get(top["country_iso3"], top["country_iso3"]),
                   year=int(top["year"])),
                 value_text(top["value"], top.get("value_flag"), top.get("upper_bound"), data.fmt))
        second = (t("present_metric_median"), number(data.median, data.fmt) if data.median == data.median else "–")
    with_data = len(latest) + len(data.few)  # a rate on too few cases is data, only not ranked
    return first, second, (t("present_metric_countries"), f"{with_data} / {len(load_countries())}")


@dataclass(frozen=True)
class PracticeCard:
    """A practice on a storyboard screen: its title, where and since when, a short summary."""

    title: str
    where: str
    summary: str
    translated: str = ""  # "translated by the dashboard" in the reader's language, when the text is


def practice_cards(objective: int, countries: tuple[str, ...], lang: str) -> tuple[tuple[PracticeCard, ...], int]:
    """The first practices on the objective (involving the step's countries) and how many more there are."""
    found = load_practices(objective, list(countries), lang)
    names = world_names(lang)
    marker = translator(lang)("practices_translated_marker")
    cards = []
    for p in found.head(PRACTICES_SHOWN).itertuples():
        summary = str(p.summary or "")
        if len(summary) > SUMMARY_CHARS:
            summary = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"
        where = ", ".join(names.get(c, c) for c in p.countries)
        since = translator(lang)("present_since", year=int(p.year_start)) if pd.notna(p.year_start) else ""
        cards.append(PracticeCard(str(p.title), " · ".join(x for x in (where, since) if x), summary,
                                  marker if p.translated else ""))
    return tuple(cards), max(0, len(found) - PRACTICES_SHOWN)
