"""Regional map: countries filled by an indicator, Missing Migrants incidents as circles (grouped by area when
there are thousands), and their table."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import streamlit as st

from gcm import maps
from gcm.db import build_key
from gcm.describe import chart_config, describe_map, image_name
from gcm.downloads import download_button
from gcm.formatting import number, year_text
from gcm.i18n import translator
from gcm.memo import arrow, frozen
from gcm.page import page_context
from gcm.queries import geo
from gcm.queries.indicators import load_values
from gcm.queries.reference import country_names, load_countries, load_indicators
from gcm.safe import escape_markdown

DEFAULT_INDICATOR = "mmp_dead_missing"
INCIDENT_INDICATOR = "mmp_incidents"  # its catalogue row names the incidents' source and licence
LAYERS = {"countries": "map_layer_fill", "incidents": "map_layer_points"}  # URL name -> toggle key
MAX_NAMED_COUNTRIES = 8


def sync_layers_with_url() -> str | None:
    """Keep the layer toggles and the URL's `layers` in step; return an unknown value given in the link.

    Runs before the filters read the URL: once the toggles exist they are the truth and are written
    to the URL (absent when every layer is on); on a fresh view a link may name the layers.
    """
    if all(key in st.session_state for key in LAYERS.values()):
        shown = [name for name, key in LAYERS.items() if st.session_state[key]]
        wanted = None if len(shown) == len(LAYERS) else (",".join(shown) or "none")
        if st.query_params.get("layers") != wanted:
            if wanted is None:
                del st.query_params["layers"]
            else:
                st.query_params["layers"] = wanted
        return None
    given = [n.strip().lower() for v in st.query_params.get_all("layers") for n in v.split(",") if n.strip()]
    known = [n for n in given if n in LAYERS or n == "none"]
    for name, key in LAYERS.items():
        st.session_state[key] = name in known if known else True
    unknown = [n for n in given if n not in known]
    return ", ".join(unknown)[:80] if unknown else None


def year_spans(years: list[int]) -> str:
    """'1990–2013, 2026' for a sorted list of years."""
    spans: list[list[int]] = []
    for y in years:
        if spans and y == spans[-1][1] + 1:
            spans[-1][1] = y
        else:
            spans.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


@dataclass(frozen=True)
class MapView:
    """The deck, its legend and description, and the incident table for one view of the map."""

    deck: object
    legend: object | None
    description: str
    grid: float | None  # the cell size in degrees when incidents are grouped, else None
    points: pd.DataFrame | None
    table: pa.Table  # the largest incidents, for display
    values: pd.DataFrame  # the indicator's values in the chosen years and countries
    map_months: int | None  # months the map's year covers, where it is partial
    year_label: str  # the map's year as shown ("2025 (Jan–Apr)" for a partial one)


def map_view(code: str, years: tuple[int, int], chosen: tuple[str, ...], show_fill: bool, show_points: bool,
             lang: str, presenting: bool) -> MapView:
    """The map for the current build, shared by every session that asks for the same view."""
    return _map_view(build_key(), code, years, chosen, show_fill, show_points, lang, presenting)


# The deck (country polygons and incident circles serialised to JSON), its legend and the table
# were built on every rerun; they depend only on the view and the data, so they are kept per those.
@st.cache_resource(max_entries=128, show_spinner=False)
def _map_view(build: str, code: str, years: tuple[int, int], chosen: tuple[str, ...], show_fill: bool,
              show_points: bool, lang: str, presenting: bool) -> MapView:
    tr = translator(lang)

    countries = load_countries()
    names = country_names(lang)
    ind = load_indicators().set_index("indicator_code").loc[code]
    name = str(ind[f"name_{lang}"])
    unit = ind[f"unit_{lang}"] if isinstance(ind[f"unit_{lang}"], str) else ""
    focus = list(chosen) or countries["country_iso3"].tolist()
    map_year = years[1]
    values = load_values([code], list(chosen), years)
    year_values = values[values["year"] == map_year]
    months = year_values["months_covered"].dropna()
    map_months = int(months.min()) if len(months) else None
    map_year_label = year_text(map_year, map_months, lang)
    years_label = str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"
    # Only a layer that is shown is fetched and built: a switched-off layer costs nothing.
    grid = geo.incident_grid(list(chosen), years) if show_points else None
    points = geo.load_incident_points(list(chosen), years, grid) if show_points else None
    incident_deaths = geo.load_incident_deaths(list(chosen), years) if show_points else None  # to describe them
    labels = maps.map_labels(tr)
    deck = maps.choropleth_deck(
        year_values, geo.load_shapes(), names=names, labels=labels, indicator=name,
        unit=unit, year=map_year, focus=focus, incidents=points,
        show_fill=show_fill, show_incidents=show_points, lang=lang, presenting=presenting,
    )
    description = describe_map(year_values if show_fill else None, incident_deaths if show_points else None, names,
                               years_label, lang, unit)
    legend = None
    if show_fill:
        incident_item = [{"label": tr("map_legend_cell" if grid else "map_legend_incident"),
                          "colour": maps.INCIDENT_COLOUR}] if show_points else []
        legend = maps.legend_figure(
            maps.legend_items(year_values, labels, focus, lang),
            # "… per 100,000 population (per 100,000 population)" says the unit twice.
            title=(tr("map_legend_title", indicator=name, unit=unit, year=map_year_label)
                   if unit and unit.lower() not in name.lower()
                   else tr("map_legend_title_no_unit", indicator=name, year=map_year_label)),
            note=f"{tr('source_label')}: {ind['source']} · {map_year_label}. {tr('map_licence_label')}: {ind['licence']}",
            extra=incident_item, presenting=presenting,
        )
    table = maps.incident_table(geo.load_incidents(list(chosen), years, limit=geo.TABLE_ROWS), names)
    return MapView(frozen(deck), frozen(legend), description, grid, points, arrow(table), values, map_months,
                   map_year_label)


bad_layers = sync_layers_with_url()
ctx = page_context(["countries", "indicator", "years"])
if bad_layers:
    st.warning(ctx.t("note_header") + "\n\n- " + ctx.t("map_note_bad_layers", value=escape_markdown(bad_layers)))
lang, names = ctx.lang, ctx.country_names()
years = ctx.filters.years
chosen = list(ctx.filters.countries)
focus = ctx.selected_countries()
indicator = ctx.indicator(ctx.filters.indicator or DEFAULT_INDICATOR)
unit = indicator["unit"] if isinstance(indicator["unit"], str) else ""
incident_source = ctx.indicator(INCIDENT_INDICATOR)
source_label, licence_label = ctx.t("source_label"), ctx.t("map_licence_label")

st.title(ctx.t("nav_map"))
st.caption(ctx.t("map_intro"))

# --- Headline: dead and missing in the selected countries and years ------------------------
totals = geo.load_incident_totals(chosen, years)
covered = totals[totals["months_covered"].notna()]
n_incidents = int(totals["incidents"].sum())
if len(chosen) == 0:
    scope = ctx.t("map_scope_all")
elif len(chosen) <= MAX_NAMED_COUNTRIES:
    scope = ", ".join(names.get(c, c) for c in chosen)
else:
    scope = ctx.t("map_scope_many", n=len(chosen))
years_label = str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"
st.caption(escape_markdown(ctx.t("map_scope_line", scope=scope, years=years_label)))
if covered.empty:
    st.info(ctx.t("map_no_incident_data", first=int(incident_source["first_year"]),
                  last=int(incident_source["last_year"])))
else:
    c1, c2, c3 = st.columns(3)
    c1.metric(ctx.t("map_metric_dead_missing"), number(covered["dead_and_missing"].sum(), lang))
    c2.metric(ctx.t("map_metric_incidents"), number(covered["incidents"].sum(), lang))
    first, last = int(covered["year"].min()), int(covered["year"].max())
    c3.metric(ctx.t("map_metric_years"), str(first) if first == last else f"{first}–{last}")
    partial = covered[covered["months_covered"] < 12]
    if len(partial):
        items = ", ".join(ctx.t("map_partial_item", year=int(r.year), months=int(r.months_covered))
                          for r in partial.itertuples())
        st.caption(ctx.t("map_partial_years", years=items))
    gaps = totals.loc[totals["months_covered"].isna(), "year"].astype(int).tolist()
    if gaps:
        st.caption(ctx.t("map_gap_years", years=year_spans(gaps)))

# --- Map: layers, deck, legend --------------------------------------------------------------
left, right = st.columns(2)
show_fill = left.toggle(ctx.t("map_layer_countries"), key=LAYERS["countries"])
show_points = right.toggle(ctx.t("map_layer_incidents"), key=LAYERS["incidents"])

map_year = years[1]
view = map_view(indicator["indicator_code"], tuple(years), tuple(chosen), show_fill, show_points, lang,
                ctx.presenting)
values, map_months, map_year_label = view.values, view.map_months, view.year_label
if show_fill and not (values["year"] == map_year).any():
    if values.empty:
        st.info(escape_markdown(ctx.t("map_no_values_range", indicator=indicator["name"])))
    else:
        st.info(escape_markdown(ctx.t("map_no_values_year", indicator=indicator["name"], year=map_year,
                                      latest=int(values["year"].max()))))
grid, points, description = view.grid, view.points, view.description
st.pydeck_chart(view.deck, height=560, alt=ctx.t("map_alt", scope=scope, indicator=indicator["name"],
                                                 year=map_year_label, n=number(n_incidents, lang),
                                                 years=years_label) + " " + description)

if show_fill:
    st.plotly_chart(view.legend, config=chart_config(image_name("map", indicator["indicator_code"], map_year, "legend"))
                    | {"displayModeBar": False}, key="map_legend", alt=description)
    caption = ctx.t("map_caption_fill", indicator=indicator["name"], year=map_year)
    if map_months is not None and map_months < 12:
        caption += " " + ctx.t("map_caption_partial", year=map_year, months=map_months)
    st.caption(escape_markdown(caption))
if show_points:
    if grid:
        st.caption(ctx.t("map_caption_grouped", n=number(int(points["incidents"].sum()), lang),
                         degrees=number(grid, lang), km=number(round(grid * 111), lang)))
    else:
        st.caption(ctx.t("map_caption_points", years=years_label))
    unmapped = int(totals["without_coordinates"].sum())
    if unmapped:
        # Past the table's first rows they may not be listed there, but they are all in the download.
        listed = n_incidents <= geo.TABLE_ROWS
        st.caption(ctx.t("map_no_coordinates" if listed else "map_no_coordinates_download", n=number(unmapped, lang)))

st.caption(escape_markdown(description))

# --- Table: the largest incidents of the selection; the download has every one ---------------
st.subheader(ctx.t("map_table_title"))
# Thousands of rows are no table to read, and slow to send: the largest are shown, all are downloadable.
table = view.table
if n_incidents > table.num_rows:
    st.caption(ctx.t("map_table_top", shown=number(table.num_rows, lang), n=number(n_incidents, lang)))
if table.num_rows == 0:
    st.info(ctx.t("map_table_empty"))
else:
    headers = {col: ctx.t(f"map_col_{key}") for col, key in [
        ("incident_date", "date"), ("country", "country"), ("dead_and_missing", "dead_missing"),
        ("location", "location"), ("cause", "cause"), ("route", "route")]}
    st.dataframe(
        table, hide_index=True, width="stretch", height=420,
        column_config={
            "incident_date": st.column_config.DateColumn(headers["incident_date"], format="YYYY-MM-DD"),
            "country": headers["country"],
            "dead_and_missing": st.column_config.NumberColumn(headers["dead_and_missing"], format="%d"),
            "location": st.column_config.TextColumn(headers["location"], width="large"),
            "cause": st.column_config.TextColumn(headers["cause"], width="medium"),
            "route": headers["route"],
        },
    )
    download_button(lambda: maps.incident_table(geo.load_incidents(chosen, years), names), ctx.t("data_download_label"),
                    "gcm-incidents", ctx, headers=headers, key="map_download")
st.caption(escape_markdown(ctx.t("map_incidents_source", source=incident_source["source"], years=years_label,
                                 licence=incident_source["licence"])))
