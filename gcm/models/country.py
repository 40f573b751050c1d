"""The country profile's view models: context figures, one section per GCM objective, and each indicator's trend.

`country_model` builds the whole profile of one country, years and language; `country_trend` builds
one indicator's chart, which the page asks for only when a reader opens it. Both are pure (no
Streamlit call): the page caches them per arguments and warehouse build (the profile also per
published practices; gcm.cache.view_model).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa

from gcm.caveats import caveat_for, has_country_caveat
from gcm.charts import PALETTE, REFERENCE_COLOUR, source_note, trend_figure, wrap
from gcm.describe import chart_config, describe_trend, image_name
from gcm.export import tidy_values
from gcm.formatting import number, value_text, year_text
from gcm.i18n import t, translator
from gcm.models import Link, arrow, marked_titles
from gcm.queries.indicators import load_country_values
from gcm.queries.practices import load_country_practices
from gcm.queries.reference import (country_names, load_caveats, load_countries, load_indicators, load_objectives,
                                   load_peer_groups, load_value_flags)
from gcm.safe import escape_markdown
from gcm.search import ROLES, status_class
from gcm.stats import usable, whole_years

# Who lives in the country, who left, who it shelters and what money comes home: the context a
# reader needs before the objectives.
# Headline figures with a label that states their scope where a country caveat applies (i18n key
# country_head_<code>_scoped).
SCOPED_LABELS = {"unhcr_displaced_hosted"}
HEADLINE = ("wdi_population", "desa_migrant_stock", "desa_emigrant_stock", "unhcr_displaced_hosted",
            "wdi_remittances_pct_gdp")
COMPARE_MAX = 6  # the Compare page shows at most six countries or groups
OPEN_TRENDS = 2  # the first objectives with a trend show it at once; the others when opened


@dataclass(frozen=True)
class Card:
    """One headline context figure: label, value, its help text, the caption (year and source) under it
    and the caveat that qualifies it (shown under the number, not only in the help)."""

    label: str
    value: str
    help: str
    caption: str
    caveat: str = ""


@dataclass(frozen=True)
class Section:
    """One objective's part of the profile, ready to show."""

    objective: int
    heading: str
    rating_text: str | None
    table: pa.Table | None  # indicators: latest, year, earliest, years with data, unit
    sources: str
    chartable: list[str]  # indicators with two or more years of values (never a yes/no status)
    outcomes: list[str]
    practices: pa.Table | None
    trend_open: bool = False  # whether its trend box starts open
    first_trend: str | None = None  # the indicator its trend box shows first


@dataclass(frozen=True)
class CountryModel:
    """What the profile shows for one country, years and language, shared by every session."""

    iso3: str
    country: str
    title: str
    intro: str
    names: dict[str, str]  # indicator code -> name in the page's language
    cards: tuple[Card, ...]
    peer_links: tuple[Link, ...]
    sections: list[Section]
    table_columns: dict[str, str]
    other: pd.DataFrame | None  # context figures not tied to one objective
    without: list[int]  # objectives with nothing for the country
    gaps: str  # those objectives by number and name
    download: Callable[[], pd.DataFrame]  # the values in the chosen years, in the export shape
    download_label: str
    download_stem: str


@dataclass(frozen=True)
class Trend:
    """One indicator's chart in an objective's section: figure, its description and the image options."""

    figure: go.Figure
    description: str
    config: dict


def indicator_figure(rows: pd.DataFrame, iso3: str, title: str, unit: str, note: str, years: tuple[int, int],
                     labels: dict[str, str], lang: str, presenting: bool = False) -> go.Figure:
    """One indicator's line over the chosen years: gaps stay gaps, partial years and censored counts are marked.
    `lang` may carry the reader's region ('es-MX') for the axis and hover numbers."""
    partial_year = rows["months_covered"].notna() & (rows["months_covered"] < 12)
    complete = rows[rows["value"].notna() & ~partial_year]
    frame = pd.DataFrame({"year": range(years[0], years[1] + 1)}).merge(
        complete[["year", "value"]], on="year", how="left").assign(country_iso3=iso3)
    extra = []
    part = rows[partial_year & rows["value"].notna()]
    if len(part):
        extra.append(go.Scatter(
            x=part["year"], y=part["value"], mode="markers", name=labels["partial"],
            marker=dict(symbol="circle-open", size=13, color=PALETTE[0], line=dict(width=2)),
            customdata=part["months_covered"], hovertemplate="%{x}: %{y:,.4~g} (%{customdata}/12)<extra></extra>",
        ))
    censored = rows[(rows["value_flag"] == "suppressed") & rows["upper_bound"].notna()]
    if len(censored):
        extra.append(go.Scatter(
            x=censored["year"], y=censored["upper_bound"], mode="markers", name=labels["censored"],
            marker=dict(symbol="triangle-down-open", size=13, color=REFERENCE_COLOUR, line=dict(width=2)),
            hovertemplate="%{x}: < %{y:,.4~g}<extra></extra>",
        ))
    # One country: the title names it, so a legend is needed only for the partial and censored marks.
    # Counts and shares read from zero, next to the "below 5" marks.
    layout = {"height": 420, "showlegend": bool(extra), "margin": {"t": 100},
              "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
              "xaxis": {"dtick": 1 if years[1] - years[0] < 12 else None}}
    if (rows["value"].dropna() >= 0).all():
        layout["yaxis"] = {"rangemode": "tozero"}
    # Its own marks and layout, laid out in one go (a later update_layout costs several times a
    # constructor's work).
    return trend_figure(frame, title, unit, note, names={iso3: labels["country"]}, colours={iso3: PALETTE[0]},
                        lang=lang, presenting=presenting, extra=extra, layout_update=layout)


def country_trend(iso3: str, objective: int, code: str, years: tuple[int, int], lang: str,
                  presenting: bool, locale: str = "") -> Trend:
    """One indicator's trend for the country over the years, as its objective's section shows it; numbers
    written for `locale` ('es-MX'; the bare language when not given)."""
    tr, fmt = translator(lang), locale or lang
    catalogue = load_indicators().set_index("indicator_code")
    country = country_names(lang).get(iso3, iso3)
    unit = str(catalogue.loc[code, f"unit_{lang}"])
    values = load_country_values(iso3)
    rows = values[(values["indicator_code"] == code) & values["year"].between(years[0], years[1])]
    known = usable(rows)
    note = source_note(catalogue.loc[code, f"source_{lang}"], (int(known["year"].min()), int(known["year"].max())),
                       tr("source_label"))
    labels = {"country": country, "partial": tr("country_partial_legend"), "censored": tr("country_censored_legend")}
    figure = indicator_figure(rows, iso3, wrap(f"{catalogue.loc[code, f'name_{lang}']} · {country}", 70), unit,
                              note, years, labels, fmt, presenting)
    # The line: complete years with a value (partial years and "<5" are marked apart).
    line = known[known["value"].notna() & (known["months_covered"].fillna(12) >= 12)]
    return Trend(figure, describe_trend(line, {iso3: country}, fmt, unit),
                 chart_config(image_name(iso3, f"objective-{objective}", code, years[0], years[1]), lang))


def rating_lines(iso3: str, years: tuple[int, int], lang: str) -> tuple[tuple[int, str], ...]:
    """(objective, the line saying its outcome rating and its commitments) for each objective with either."""
    try:
        from gcm.queries.rating import load_ratings
        from gcm.rating import commitments_sentence, rating_label, shown_score, trend_label
    except ImportError:  # the profile works without the rating module
        return ()
    ratings = load_ratings(years)
    lines = []
    for r in ratings[ratings["country_iso3"] == iso3].to_dict("records"):
        if r["score_class"] == "context" and not r["commitments_total"]:
            continue
        parts = []
        if r["score_class"] != "context":
            coverage = t("country_rating_coverage", lang, rated=int(r["indicators_rated"]),
                         total=int(r["indicators_total"]))
            if pd.notna(r["score"]):
                parts.append(t("country_rating", lang, score=shown_score(r["score"]),
                               cls=rating_label(r["score_class"], lang), trend=trend_label(r["trend"], lang),
                               coverage=coverage, year=r["latest_year"]))
                if int(r["indicators_rated"]) == 1:
                    parts.append(t("rating_hover_single", lang).lstrip("¹ "))
            else:
                parts.append(t("country_rating_none", lang, cls=rating_label(r["score_class"], lang), coverage=coverage))
        parts.append(commitments_sentence(r, lang))
        line = " · ".join(parts)
        lines.append((int(r["objective_id"]), line))
    return tuple(lines)


def headline_cards(latest: dict[str, pd.Series], names: dict[str, str], units: dict[str, str],
                   lang: str, iso3: str = "", caveat_of: Callable[..., str] | None = None,
                   scoped: Callable[[str, str, int], bool] | None = None,
                   sources: dict[str, str] | None = None) -> tuple[Card, ...]:
    """The five context figures: the latest whole-year value in the years, its year and source, and its
    caveat (`caveat_of(code, iso3, year, flag)`), or a note that there is none. Where `scoped(code,
    iso3, year)` says a caveat concerns this very country's figure (an undercount), the label itself
    states the figure's scope, so a card quoted alone cannot be misread. `sources` gives a source's
    name in the reader's language (the source's own text where it has none). `lang` may carry the
    reader's region ('es-MX'), which decides how the figures are written."""
    tr = translator(lang)
    sources = sources or {}
    cards = []
    for code in HEADLINE:
        label, full, last = tr(f"country_head_{code}"), names.get(code, code), latest.get(code)
        if last is None:
            cards.append(Card(label, "–", full, tr("country_no_data_in_years")))
            continue
        if code in SCOPED_LABELS and scoped and scoped(code, iso3, int(last["year"])):
            label = tr(f"country_head_{code}_scoped")
        caveat = caveat_of(code, iso3, int(last["year"]), last["value_flag"]) if caveat_of else ""
        cards.append(Card(
            label, value_text(last["value"], last["value_flag"], last["upper_bound"], lang),
            f"{full} ({units[code]})",
            escape_markdown(f"{year_text(last['year'], last['months_covered'], lang)} · "
                            f"{source_note(sources.get(last['source'], last['source']), None, tr('source_label'))}"),
            escape_markdown(caveat)))
    return tuple(cards)


def peer_links(iso3: str, lang: str) -> tuple[Link, ...]:
    """The country's peer groups (not its subregion) as links to Compare."""
    groups = load_peer_groups()
    rows = groups[groups["members"].map(lambda m: iso3 in list(m)) & (groups["kind"] != "subregion")]
    links = []
    for g in rows.itertuples():
        members = list(g.members)
        # A small group opens member by member; a big one as this country against the group's median.
        params = ({"countries": ",".join([iso3] + [m for m in members if m != iso3])}
                  if len(members) <= COMPARE_MAX else {"countries": iso3, "groups": g.group_code})
        links.append(Link(t("country_compare_with", lang, group=getattr(g, f"name_{lang}"), n=len(members)),
                              params | {"lang": lang}))
    return tuple(links)


def country_model(iso3: str, years: tuple[int, int], lang: str, ratings: tuple[tuple[int, str], ...],
                  locale: str = "") -> CountryModel:
    """The profile of one country in the years and language; `ratings` are its `rating_lines`; numbers
    written for `locale` ('es-MX'; the bare language when not given)."""
    tr, fmt = translator(lang), locale or lang

    indicators = load_indicators()
    catalogue = indicators.assign(unit=indicators[f"unit_{lang}"]).set_index("indicator_code")
    names = dict(zip(catalogue.index, catalogue[f"name_{lang}"].astype(str)))
    units = dict(zip(catalogue.index, catalogue["unit"]))
    sources_of = dict(zip(catalogue.index, catalogue[f"source_{lang}"].astype(str)))
    kinds = dict(zip(catalogue.index, catalogue["kind"]))
    objectives = load_objectives()
    objective_names = dict(zip(objectives["objective_id"].astype(int), objectives[f"short_{lang}"]))
    country = country_names(lang).get(iso3, iso3)

    values = load_country_values(iso3)
    in_range = values[values["year"].between(years[0], years[1])]
    by_code = {code: rows for code, rows in in_range.groupby("indicator_code", sort=False)}
    by_objective = {int(obj): rows for obj, rows in in_range.groupby("objective_id", sort=False)}
    known_rows = usable(in_range)
    latest_by_code = known_rows.loc[known_rows.groupby("indicator_code")["year"].idxmax()].set_index("indicator_code")
    first_by_code = known_rows.loc[known_rows.groupby("indicator_code")["year"].idxmin()].set_index("indicator_code")
    years_by_code = known_rows.groupby("indicator_code")["year"].nunique()
    latest = {code: row for code, row in latest_by_code.iterrows()}
    # The headline cards show whole years only: a part-year figure is never a "latest" headline.
    whole = usable(whole_years(in_range))
    headline_latest = {code: row for code, row in
                       whole.loc[whole.groupby("indicator_code")["year"].idxmax()].set_index("indicator_code").iterrows()}
    caveat_of = partial(caveat_for, lang=lang, caveats=load_caveats(), flags=load_value_flags())
    indicator_caveats = dict(zip(catalogue.index, catalogue[f"caveats_{lang}"]))
    first = {code: row for code, row in first_by_code.iterrows()}

    rating_texts = dict(ratings)
    practices = load_country_practices(iso3, lang)
    practices_by_objective: dict[int, list[int]] = {}
    for i, objs in enumerate(practices["objectives"]):
        for o in objs:
            practices_by_objective.setdefault(int(o), []).append(i)
    n_years = years[1] - years[0] + 1
    order = list(catalogue.index)
    sections, without, charted = [], [], 0
    for obj in objectives["objective_id"].astype(int):
        obj_values = by_objective.get(obj)
        obj_practices = practices.iloc[practices_by_objective.get(obj, [])]
        rating_text = rating_texts.get(obj)
        if obj_values is None and obj_practices.empty and rating_text is None:
            without.append(obj)
            continue
        present = set() if obj_values is None else set(obj_values["indicator_code"].tolist())
        codes = [c for c in order if c in present]
        table = None
        if codes:
            rows = []
            for code in codes:
                last, early = latest.get(code), first.get(code)
                rows.append({
                    "indicator": names[code],
                    "latest": "–" if last is None else value_text(last["value"], last["value_flag"],
                                                                  last["upper_bound"], fmt),
                    "year": "–" if last is None else year_text(last["year"], last["months_covered"], fmt),
                    "earliest": "–" if early is None or early["year"] == last["year"] else
                    tr("country_value_in", value=value_text(early["value"], early["value_flag"],
                                                            early["upper_bound"], fmt), year=int(early["year"])),
                    "years": tr("country_years_of", n=int(years_by_code.get(code, 0)), total=n_years),
                    "unit": units[code],
                })
            table = arrow(pd.DataFrame(rows))
        # A trend needs two years with values; a yes/no status ("1 = state party, 0 = not", also of a
        # context indicator such as complete birth registration) is read in the table, never drawn.
        chartable = [c for c in codes if kinds[c] != "policy" and not str(catalogue.loc[c, "unit_en"]).startswith("1 =")
                     and by_code[c]["value"].notna().sum() >= 2]
        outcomes = [c for c in chartable if kinds[c] == "outcome"]
        charted += bool(chartable)
        practice_table = None
        if not obj_practices.empty:
            practice_table = arrow(pd.DataFrame({
                "title": marked_titles(obj_practices, tr),
                "year": ["–" if pd.isna(y) else str(int(y)) for y in obj_practices["year_start"]],
                "role": [", ".join(tr(f"practices_role_{r}") if r in ROLES else str(r) for r in rs)
                         for rs in obj_practices["roles"]],
                "status": [tr(f"practices_status_{status_class(s)}") for s in obj_practices["practice_status"]],
                "link": [f"practices?practice={p}&lang={lang}" for p in obj_practices["practice_id"]],
            }))
        sections.append(Section(
            objective=obj, heading=f"{obj} · {objective_names.get(obj, obj)}", rating_text=rating_text,
            table=table, sources="; ".join(dict.fromkeys(sources_of[c] for c in codes)), chartable=chartable,
            outcomes=outcomes, practices=practice_table, trend_open=bool(chartable) and charted <= OPEN_TRENDS,
            first_trend=(outcomes or chartable)[0] if chartable else None,
        ))

    # Context figures not tied to one objective (beyond the headline ones), in catalogue order.
    other = in_range[in_range["objective_id"].isna() & ~in_range["indicator_code"].isin(HEADLINE)]
    other_codes = set(other["indicator_code"].tolist())
    other_rows = [{
        "indicator": names[code],
        "latest": value_text(latest[code]["value"], latest[code]["value_flag"], latest[code]["upper_bound"], fmt),
        "year": year_text(latest[code]["year"], latest[code]["months_covered"], fmt),
        "unit": catalogue.loc[code, "unit"],
        "source": sources_of[code],
    } for code in order if code in other_codes and code in latest]

    reference = {"indicators": indicators.assign(unit=indicators[f"unit_{lang}"]), "countries": load_countries(),
                 "objectives": objectives}
    return CountryModel(
        iso3=iso3, country=country,
        title=tr("country_title", country=country), intro=tr("country_intro", start=years[0], end=years[1]),
        names=names, cards=headline_cards(headline_latest, names, units, fmt, iso3, lambda code, *a: caveat_of(
            code, *a, indicator_caveat=indicator_caveats.get(code, "")),
            partial(has_country_caveat, caveats=load_caveats()),
            dict(zip(catalogue["source_en"], catalogue[f"source_{lang}"]))), peer_links=peer_links(iso3, lang),
        sections=sections,
        table_columns={
            "indicator": tr("country_col_indicator"), "latest": tr("country_col_latest"),
            "year": tr("country_col_year"), "earliest": tr("country_col_earliest"),
            "years": tr("country_col_years"), "unit": tr("country_col_unit"),
        },
        other=pd.DataFrame(other_rows) if other_rows else None,
        without=without, gaps="; ".join(f"{o} · {objective_names.get(o, o)}" for o in without),
        # Made on a click, not with the profile: one row per value in the chosen years.
        download=partial(tidy_values, in_range, lang=lang, **reference),
        download_label=tr("country_download", n=number(len(in_range), fmt)),
        download_stem=f"gcm-{iso3}-{years[0]}-{years[1]}",
    )
