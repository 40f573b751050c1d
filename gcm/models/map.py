"""The regional map's view model: the incident headline, the deck and its legend, their captions and the table.

`map_model` builds what the page shows for one view (indicator, years, countries, layers shown,
language). It is pure (no Streamlit call): the page caches it per arguments and warehouse build
(gcm.cache.view_model).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import pydeck as pdk

from gcm import maps
from gcm.caveats import first_sentence
from gcm.categories import in_reader_language
from gcm.describe import chart_config, describe_map, image_name
from gcm.formatting import number, value_text, year_text
from gcm.models import Metric, arrow
from gcm.stats import few_cases, whole_years
from gcm.i18n import translator
from gcm.queries import geo
from gcm.queries.indicators import load_year_span
from gcm.queries.rating import load_ranking_values
from gcm.queries.reference import country_names, load_countries, load_indicators, load_source_categories

DEFAULT_INDICATOR = "mmp_dead_missing"
INCIDENT_INDICATOR = "mmp_incidents"  # its catalogue row names the incidents' source and licence
MAX_NAMED_COUNTRIES = 8
# The incident table's columns and the keys of their headers (`map_col_<key>`), in the table's order.
TABLE_COLUMNS = {"incident_date": "date", "country": "country", "dead_and_missing": "dead_missing",
                 "location": "location", "cause": "cause", "route": "route"}
# The download adds the source's own text of the translated columns.
DOWNLOAD_COLUMNS = TABLE_COLUMNS | {"cause_source": "cause_source", "route_source": "route_source"}


@dataclass(frozen=True)
class MapModel:
    """What the map page shows for one view, shared by every session that asks for it.

    Texts are plain (the page escapes the Markdown of those it writes as captions).
    """

    scope_line: str  # whose incidents are counted, and in which years
    no_incidents: str | None  # said instead of the headline when the years have no incident records
    metrics: tuple[Metric, ...]  # dead and missing, incidents, years with records (none without records)
    headline_notes: tuple[str, ...]  # partial years, years without records
    fill_note: str | None  # the indicator has no value in the map's year: where to look instead
    years_with_values: tuple[int, int] | None  # when it has none in the years chosen: its first and last year
    deck: pdk.Deck
    alt: str  # the deck's text for screen readers
    legend: go.Figure | None  # the legend of the layers shown, with their caveats and source
    legend_config: dict
    fill_caption: str | None  # which year fills the countries and how to map another
    fill_notes: tuple[str, ...]  # why the fill's year is not the range's last, a partial year (in the legend)
    incident_captions: tuple[str, ...]  # how incidents are drawn, and how many have no coordinates (in the legend)
    frame_label: str  # the years each layer shows, written on the map
    description: str  # the map in words
    values: pd.DataFrame  # the indicator's values in the chosen years and countries
    fill_table: pa.Table | None  # the countries' fill as a table, highest first: the map's table alternative
    map_year: int  # the year the countries are filled for: the last of the range
    year_label: str  # the map's year as shown ("2025 (Jan–Apr)" for a partial one)
    grid: float | None  # the cell size in degrees when incidents are grouped, else None
    points: pd.DataFrame | None  # the incidents (or cells) drawn, when that layer is shown
    table: pa.Table  # the largest incidents, for display
    table_caption: str | None  # "the N largest of M" when the table does not list them all
    table_headers: dict[str, str]  # column -> header in the page's language
    download: Callable[[], pd.DataFrame]  # every incident of the selection, in the table's shape
    incidents_source: str


def fill_as_table(year_values: pd.DataFrame, names: dict[str, str], tr, fmt: str,
                  labels: dict[str, str]) -> pa.Table:
    """The countries the map fills and each one's value as the map's tooltip writes it, highest first;
    those whose rate rests on too few cases after them, the legend's words saying so in a note column."""
    few = few_cases(year_values)
    rows = year_values.assign(_few=few).sort_values(["_few", "value"], ascending=[True, False], na_position="last",
                                                    kind="stable")
    table = pd.DataFrame({
        tr("data_col_country"): [names.get(c, c) for c in rows["country_iso3"]],
        tr("data_col_value"): [value_text(v, f, u, fmt) for v, f, u in
                               zip(rows["value"], rows["value_flag"], rows["upper_bound"])],
    })
    if few.any():
        reason = maps.few_label(year_values, labels)
        table[tr("obj_col_note")] = [reason if f else "" for f in rows["_few"]]
    return arrow(table)


def year_spans(years: list[int]) -> str:
    """'1990–2013, 2026' for a sorted list of years."""
    spans: list[list[int]] = []
    for y in years:
        if spans and y == spans[-1][1] + 1:
            spans[-1][1] = y
        else:
            spans.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def span_text(first: int, last: int) -> str:
    """'2014–2021', or one year."""
    return str(first) if first == last else f"{first}–{last}"


def scope_text(chosen: tuple[str, ...], names: dict[str, str], lang: str) -> str:
    """Whose incidents are counted: all countries, up to eight by name, or how many."""
    tr = translator(lang)
    if not chosen:
        return tr("map_scope_all")
    if len(chosen) <= MAX_NAMED_COUNTRIES:
        return ", ".join(names.get(c, c) for c in chosen)
    return tr("map_scope_many", n=len(chosen))


def incident_headline(totals: pd.DataFrame, lang: str) -> tuple[tuple[Metric, ...], tuple[str, ...]]:
    """Dead and missing, incidents and the years with records; notes on partial years and years without any.

    `totals` is `geo.load_incident_totals`: a year with no record has no `months_covered`, and is
    no "0 dead" (no metric at all when no year has records). `lang` may carry the reader's region ('es-MX').
    """
    tr = translator(lang)
    covered = totals[totals["months_covered"].notna()]
    if covered.empty:
        return (), ()
    metrics = (
        Metric(tr("map_metric_dead_missing"), number(covered["dead_and_missing"].sum(), lang)),
        Metric(tr("map_metric_incidents"), number(covered["incidents"].sum(), lang)),
        Metric(tr("map_metric_years"), span_text(int(covered["year"].min()), int(covered["year"].max()))),
    )
    notes = []
    partial_years = covered[covered["months_covered"] < 12]
    if len(partial_years):
        items = [year_text(r.year, r.months_covered, lang) for r in partial_years.itertuples()]  # "ene–abr 2025"
        notes.append(tr("map_partial_years", years=", ".join(items)))
    gaps = totals.loc[totals["months_covered"].isna(), "year"].astype(int).tolist()
    if gaps:
        notes.append(tr("map_gap_years", years=year_spans(gaps)))
    return metrics, tuple(notes)


def all_incidents(chosen: tuple[str, ...], years: tuple[int, int], lang: str) -> pd.DataFrame:
    """Every incident of the selection, largest first, as the table shows them, with the source's own
    cause and route text in columns of their own: what the download holds."""
    incidents = in_reader_language(geo.load_incidents(list(chosen), years), load_source_categories(), lang,
                                   keep_source=True)
    return maps.incident_table(incidents, country_names(lang))


def legend_title(name: str, unit: str, year_label: str, lang: str) -> str:
    """The legend's title: indicator, unit and year ("… per 100,000 (per 100,000)" would say the unit twice)."""
    tr = translator(lang)
    if unit and unit.lower() not in name.lower():
        return tr("map_legend_title", indicator=name, unit=unit, year=year_label)
    return tr("map_legend_title_no_unit", indicator=name, year=year_label)


def map_model(code: str, years: tuple[int, int], chosen: tuple[str, ...], show_fill: bool, show_points: bool,
              lang: str, presenting: bool, locale: str = "") -> MapModel:
    """The map of indicator `code` in the last of `years`, for the countries chosen (all when none), and its incidents.

    Only a layer that is shown is fetched and built. Numbers are written for `locale` ('es-MX'; the bare
    language when not given).
    """
    tr, fmt = translator(lang), locale or lang
    countries = load_countries()
    names = country_names(lang)
    catalogue = load_indicators().set_index("indicator_code")
    ind, incident_source = catalogue.loc[code], catalogue.loc[INCIDENT_INDICATOR]
    name = str(ind[f"name_{lang}"])
    unit = ind[f"unit_{lang}"] if isinstance(ind[f"unit_{lang}"], str) else ""
    focus = list(chosen) or countries["country_iso3"].tolist()
    scope = scope_text(chosen, names, lang)
    years_label = span_text(years[0], years[1])

    # The headline: dead and missing in the countries and years.
    totals = geo.load_incident_totals(list(chosen), years)
    n_incidents = int(totals["incidents"].sum())
    metrics, headline_notes = incident_headline(totals, fmt)
    no_incidents = None if metrics else tr("map_no_incident_data", first=int(incident_source["first_year"]),
                                           last=int(incident_source["last_year"]))

    # The countries filled by the indicator's values in the last whole year of the range that has any:
    # a part year (January-April 2025) or a year not yet published never fills the map; the caption
    # says which year is shown instead.
    map_year, skipped = years[1], None
    # With each rate's count of cases: a rate on too few is filled apart from the classes (gcm.maps).
    values = load_ranking_values(code, years)
    if chosen:
        values = values[values["country_iso3"].isin(list(chosen))].reset_index(drop=True)
    whole = whole_years(values)
    whole = whole[whole["value"].notna() | (whole["value_flag"] == "suppressed")]
    if len(whole) and int(whole["year"].max()) < years[1]:
        map_year = int(whole["year"].max())
        last_rows = values[values["year"] == years[1]]
        months_then = last_rows["months_covered"].dropna()
        skipped = (tr("map_part_year_skipped", year=years[1], months=int(months_then.min()), shown=map_year)
                   if len(months_then) else tr("map_year_not_published", year=years[1], shown=map_year))
    year_values = values[values["year"] == map_year]
    months = year_values["months_covered"].dropna()
    map_months = int(months.min()) if len(months) else None
    year_label = year_text(map_year, map_months, fmt)
    fill_note = fill_caption = None
    fill_notes: list[str] = []
    years_with_values = load_year_span([code], list(chosen)) if show_fill and values.empty else None
    if show_fill and year_values.empty:
        fill_note = (tr("map_no_values_range", indicator=name) if values.empty else
                     tr("map_no_values_year", indicator=name, year=map_year, latest=int(values["year"].max())))
    if show_fill:
        fill_caption = tr("map_caption_fill", indicator=name, year=map_year)
        if skipped:
            fill_notes.append(skipped)
        if map_months is not None and map_months < 12:
            fill_notes.append(tr("map_caption_partial", year=map_year, months=map_months))

    # The incidents as circles, grouped by area when there are thousands.
    grid = geo.incident_grid(list(chosen), years) if show_points else None
    categories = load_source_categories()
    points = in_reader_language(geo.load_incident_points(list(chosen), years, grid), categories, lang) \
        if show_points else None
    incident_deaths = geo.load_incident_deaths(list(chosen), years) if show_points else None  # to describe them
    incident_captions = []
    if show_points:
        incident_captions.append(
            tr("map_caption_grouped", n=number(int(points["incidents"].sum()), fmt), degrees=number(grid, fmt),
               km=number(round(grid * 111), fmt)) if grid else tr("map_caption_points", years=years_label))
        unmapped = int(totals["without_coordinates"].sum())
        if unmapped:
            # Past the table's first rows they may not be listed there, but they are all in the download.
            listed = n_incidents <= geo.TABLE_ROWS
            incident_captions.append(tr("map_no_coordinates" if listed else "map_no_coordinates_download",
                                        n=number(unmapped, fmt)))

    labels = maps.map_labels(tr)
    fill_table = fill_as_table(year_values, names, tr, fmt, labels) if show_fill and not year_values.empty else None
    # The fill shows one year and the circles the whole range: the map itself says which is which.
    frame_label = {(True, True): tr("map_frame_both", fill=year_label, incidents=years_label),
                   (True, False): tr("map_frame_fill", fill=year_label),
                   (False, True): tr("map_frame_incidents", incidents=years_label)}.get((show_fill, show_points), "")
    deck = maps.choropleth_deck(
        year_values, geo.load_shapes(), names=names, labels=labels, indicator=name,
        unit=unit, year=map_year, focus=focus, incidents=points,
        show_fill=show_fill, show_incidents=show_points, lang=fmt, presenting=presenting, frame_label=frame_label,
    )
    description = describe_map(year_values if show_fill else None, incident_deaths if show_points else None, names,
                               years_label, fmt, unit)
    legend = None
    if show_fill or show_points:
        incident_item = [{"label": tr("map_legend_cell" if grid else "map_legend_incident", years=years_label),
                          "colour": maps.INCIDENT_COLOUR}] if show_points else []
        # The caveats a reader needs to read the map sit in its legend, so a screenshot keeps them.
        caveats = []
        if show_fill:
            caveat = ind[f"caveats_{lang}"] if isinstance(ind[f"caveats_{lang}"], str) else ""
            caveats.append(first_sentence(caveat) if presenting else caveat)
        caveats += fill_notes + incident_captions
        sources = []
        if show_fill:
            sources.append(f"{tr('source_label')}: {ind[f'source_{lang}']} · {year_label}. "
                           f"{tr('map_licence_label')}: {ind[f'licence_{lang}']}")
        if show_points and not show_fill:
            sources.append(tr("map_incidents_source", source=incident_source[f"source_{lang}"], years=years_label,
                              licence=incident_source[f"licence_{lang}"]))
        legend = maps.legend_figure(
            maps.legend_items(year_values, labels, focus, fmt) if show_fill else [],
            title=legend_title(name, unit, year_label, lang) if show_fill else tr("map_legend_title_incidents",
                                                                                  years=years_label),
            note=" ".join(sources), extra=incident_item, presenting=presenting,
            caveat=" ".join(c for c in caveats if c),
        )

    # The table: thousands of rows are no table to read, and slow to send; the largest are shown,
    # all are in the download.
    table = maps.incident_table(in_reader_language(geo.load_incidents(list(chosen), years, limit=geo.TABLE_ROWS),
                                                   categories, lang), names)
    return MapModel(
        scope_line=tr("map_scope_line", scope=scope, years=years_label),
        no_incidents=no_incidents, metrics=metrics, headline_notes=headline_notes, fill_note=fill_note,
        years_with_values=years_with_values,
        deck=deck,
        alt=tr("map_alt", scope=scope, indicator=name, year=year_label, n=number(n_incidents, fmt),
               years=years_label) + " " + description,
        legend=legend,
        legend_config=chart_config(image_name("map", code, map_year, "legend")) | {"displayModeBar": False},
        fill_caption=fill_caption, fill_notes=tuple(fill_notes), incident_captions=tuple(incident_captions),
        frame_label=frame_label, description=description,
        values=values, fill_table=fill_table, map_year=map_year, year_label=year_label, grid=grid, points=points,
        # A table for `st.dataframe` to send as it is: a kept pandas frame is converted on every rerun.
        table=arrow(table),
        table_caption=tr("map_table_top", shown=number(len(table), fmt), n=number(n_incidents, fmt))
        if n_incidents > len(table) else None,
        table_headers={col: tr(f"map_col_{key}") for col, key in DOWNLOAD_COLUMNS.items()},
        download=partial(all_incidents, tuple(chosen), years, lang),
        incidents_source=tr("map_incidents_source", source=incident_source[f"source_{lang}"], years=years_label,
                            licence=incident_source[f"licence_{lang}"]),
    )
