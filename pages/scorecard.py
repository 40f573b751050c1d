"""Regional scorecard (home): headline figures, countries x objectives ratings, and one cell in detail."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from gcm.describe import describe_scorecard
from gcm.downloads import download_button
from gcm.db import build_key
from gcm.formatting import number
from gcm.i18n import translator
from gcm.page import DEFAULT_YEARS, page_context
from gcm.queries.practices import load_practices
from gcm.queries.rating import (load_headline_figures, load_indicator_scores, load_peers_rated_better,
                                load_rating_config, load_ratings, rating_file_key)
from gcm.queries.reference import country_names, load_indicators, load_objectives
from gcm.rating import (number_text, rating_label, scorecard_figure, short_sources, shown_score,
                        trend_arrow, trend_label, value_label)
from gcm.safe import escape_markdown


@dataclass(frozen=True)
class GridView:
    """The scorecard grid for a selection: its rows, figure, description and download, ready to show."""

    objectives: list[int]
    objective_names: dict[int, str]
    order: list[str]
    ratings: pd.DataFrame
    grid: pd.DataFrame
    figure: object
    description: str
    download: pd.DataFrame


def scorecard_grid(years: tuple[int, int], countries: tuple[str, ...], objective: int | None, lang: str,
                   presenting: bool) -> GridView:
    """The grid for the current build and rating file, shared by every session asking for the same one."""
    return _scorecard_grid(build_key(), rating_file_key(), years, countries, objective, lang, presenting)


# The grid figure, its description and its download were most of a rerun, for inputs that repeat:
# built once per selection, language, build and rating file.
@st.cache_resource(max_entries=256, show_spinner=False)
def _scorecard_grid(build: str, rating_key: tuple, years: tuple[int, int], countries: tuple[str, ...],
                    objective: int | None, lang: str, presenting: bool) -> GridView:
    tr = translator(lang)

    config = load_rating_config()
    objectives = load_objectives()
    names = country_names(lang)
    all_names = dict(zip(objectives["objective_id"].astype(int), objectives[f"short_{lang}"]))
    shown_objectives = objectives.loc[objectives["focus"], "objective_id"].astype(int).tolist()
    if objective and objective not in shown_objectives:
        shown_objectives = sorted(shown_objectives + [objective])
    ratings = load_ratings(years, list(countries))
    order = sorted(countries, key=lambda c: names.get(c, c))
    grid = ratings[ratings["objective_id"].isin(shown_objectives)].copy()
    grid["_row"] = grid["country_iso3"].map({c: i for i, c in enumerate(order)})
    grid = grid.sort_values(["_row", "objective_id"]).drop(columns="_row")
    objective_names = {o: str(all_names.get(o, o)) for o in shown_objectives}
    scored = grid[grid["score"].notna()]
    first, last = (int(scored["latest_year"].min()), int(scored["latest_year"].max())) if len(scored) else (0, 0)
    latest = (f"{first}–{last}" if first != last else str(first)) if len(scored) else "–"
    grid_note = (tr("scorecard_grid_note", sources="; ".join(short_sources(config))) + "<br>"
                 + tr("scorecard_grid_years", latest=latest, baseline=config.baseline_year, version=config.version))
    fig = scorecard_figure(grid, names, objective_names, lang, tr("scorecard_grid_title"), grid_note,
                           presenting=presenting)
    description = describe_scorecard(grid, objective_names, lang)
    indicators = load_indicators()
    licences = indicators.set_index("indicator_code").reindex(list(config.bounds))["licence"].dropna().unique()
    download = pd.DataFrame({
        "country_iso3": grid["country_iso3"],
        "country": grid["country_iso3"].map(names),
        "objective_id": grid["objective_id"].astype("Int64"),
        "objective": grid["objective_id"].map(objective_names),
        "score": grid["score"],
        "rating": [rating_label(c, lang) for c in grid["score_class"]],
        "trend": [trend_label(tr_, lang) if isinstance(tr_, str) else "" for tr_ in grid["trend"]],
        "indicators_rated": grid["indicators_rated"],
        "indicators_total": grid["indicators_total"],
        "latest_year": grid["latest_year"].astype("Int64"),
        "rank": grid["rank_label"],
        "rating_version": config.version,
        "source": "; ".join(short_sources(config)),
        "licence": "; ".join(licences),
    })
    return GridView(shown_objectives, objective_names, order, ratings, grid, fig, description, download)


def indicator_table(years: tuple[int, int], country: str, objective: int, lang: str) -> pd.DataFrame:
    """The cell's rated indicators as shown under it, for the current build and rating file."""
    return _indicator_table(build_key(), rating_file_key(), years, country, objective, lang)


# Kept per cell, language and build, shared by every session: a row of formatted text per indicator.
@st.cache_resource(max_entries=512, show_spinner=False)
def _indicator_table(build: str, rating_key: tuple, years: tuple[int, int], country: str, objective: int,
                     lang: str) -> pd.DataFrame:
    t = translator(lang)

    def slope_text(slope: float) -> str:
        sign = "+" if slope > 0 else ""
        return "" if pd.isna(slope) else " " + t("scorecard_slope", slope=sign + number(slope, lang, 1))

    catalogue = load_indicators().set_index("indicator_code")
    scores = load_indicator_scores(years, [country], objective)
    status_text = {s: t(f"rating_status_{s}") for s in ("scored", "censored", "too_old", "no_data")}
    codes = scores["indicator_code"]
    table = pd.DataFrame({
        t("scorecard_col_indicator"): [catalogue.loc[c, f"name_{lang}"] for c in codes],
        t("scorecard_col_score"): pd.array([shown_score(s) for s in scores["score"]], dtype="Int64"),
        t("scorecard_col_latest"): [value_label(v, f, u, lang) if s in ("scored", "censored") else "–"
                                    for v, f, u, s in zip(scores["latest_value"], scores["latest_flag"],
                                                          scores["latest_upper_bound"], scores["status"])],
        t("scorecard_col_year"): [str(y) if pd.notna(y) else "–" for y in scores["latest_year"]],
        t("scorecard_col_trend"): [f"{trend_arrow(tr)} {trend_label(tr, lang)}".strip() + slope_text(sl)
                                   if status == "scored" else "–"
                                   for tr, sl, status in zip(scores["trend"], scores["slope"], scores["status"])],
        t("scorecard_col_baseline"): [f"{value_label(v, f, u, lang)} ({int(y)})" if pd.notna(y) else "–"
                                      for v, f, u, y in zip(scores["baseline_value"], scores["baseline_flag"],
                                                            scores["baseline_upper_bound"], scores["baseline_year"])],
        t("scorecard_col_bounds"): [f"{number_text(lo, lang)} → {number_text(op, lang)}"
                                    for lo, op in zip(scores["lower"], scores["optimum"])],
        t("scorecard_col_unit"): [catalogue.loc[c, f"unit_{lang}"] for c in codes],
        t("scorecard_col_status"): scores["status"].map(status_text),
    })
    return table


ctx = page_context(["countries", "objective", "years"])
lang, t = ctx.lang, ctx.t
years = ctx.filters.years or DEFAULT_YEARS
countries = ctx.selected_countries()
names = ctx.country_names()
config = load_rating_config()


def slope_text(slope: float) -> str:
    """' (+1.7 points/year)' after a trend, or nothing where there is no trend."""
    return "" if pd.isna(slope) else " " + t("scorecard_slope", slope=("+" if slope > 0 else "") + number(slope, lang, 1))


st.title(t("scorecard_title"))
st.caption(t("scorecard_intro", start=years[0], end=years[1], baseline=config.baseline_year))

# --- Headline figures for the selected countries and years -----------------------------------
heads = load_headline_figures(countries, years)


def year_span(h: dict) -> str:
    """'2014–2021' (or one year) for the years a figure really covers; a note where it has none."""
    if h.get("first_year") is None:
        return t("scorecard_no_data_years", start=years[0], end=years[1])
    span = f"{h['first_year']}–{h['last_year']}" if h["first_year"] != h["last_year"] else str(h["first_year"])
    return span


cols = st.columns(4)
dm, vic, icmw, gcm = heads["dead_missing"], heads["victims"], heads["icmw"], heads["gcm"]
cols[0].metric(t("scorecard_head_dead"), number(dm["value"], lang))
note = t("scorecard_head_dead_note", years=year_span(dm))
if dm["partial_year"]:
    note += " " + t("scorecard_partial_year", year=dm["partial_year"], months=dm["partial_months"])
cols[0].caption(note)
cols[1].metric(t("scorecard_head_victims"), number(vic["value"], lang))
note = t("scorecard_head_victims_note", years=year_span(vic))
if vic["suppressed"]:
    note += " " + t("scorecard_suppressed_counts", n=vic["suppressed"])
cols[1].caption(note)
cols[2].metric(t("scorecard_head_icmw"), t("scorecard_n_of", n=icmw["value"], total=icmw["of"])
               if icmw["value"] is not None else "–")
cols[2].caption(t("scorecard_head_icmw_note", year=icmw["year"]) if icmw["year"] else t("scorecard_no_data"))
cols[3].metric(t("scorecard_head_gcm"), t("scorecard_n_of", n=gcm["value"], total=gcm["of"])
               if gcm["value"] is not None else "–")
cols[3].caption(t("scorecard_head_gcm_note", year=gcm["year"]) if gcm["year"] else t("scorecard_head_gcm_before"))

# --- The grid: countries x focus objectives (plus the one chosen in the filter) ---------------
grid_view = scorecard_grid(tuple(years), tuple(countries), ctx.filters.objective, lang, ctx.presenting)
shown_objectives, objective_names, order, ratings = (grid_view.objectives, grid_view.objective_names,
                                                     grid_view.order, grid_view.ratings)
grid = grid_view.grid
event = st.plotly_chart(grid_view.figure, key="scorecard_grid", on_select="rerun", selection_mode="points",
                        config={"displayModeBar": False}, alt=grid_view.description)
st.caption(escape_markdown(grid_view.description))
st.caption(t("scorecard_grid_legend"))
download_button(grid_view.download, t("scorecard_download"), "gcm-scorecard", ctx, key="dl_scorecard", headers={
    "score": t("scorecard_col_score"), "rating": t("scorecard_col_rating"), "trend": t("scorecard_col_trend"),
    "indicators_rated": t("scorecard_col_rated"), "indicators_total": t("scorecard_col_total"),
    "latest_year": t("scorecard_col_latest_year"), "rank": t("scorecard_col_rank"),
    "rating_version": t("scorecard_col_version"),
})

# --- One cell in detail: chosen by clicking the grid or with the two boxes below -------------
st.header(t("scorecard_detail_header"))
# A click on the grid selects that cell below; the boxes stay free to change afterwards.
points = event.selection.points if event and event.selection else []
if points and points[0].get("customdata"):
    picked = tuple(points[0]["customdata"][1:3])
    if picked != st.session_state.get("_sc_picked"):
        st.session_state["_sc_picked"] = picked
        st.session_state["sc_country"], st.session_state["sc_objective"] = picked[0], int(picked[1])
if st.session_state.get("sc_country") not in order:
    st.session_state["sc_country"] = ctx.filters.countries[0] if ctx.filters.countries else order[0]
if st.session_state.get("sc_objective") not in shown_objectives or (
        ctx.filters.objective and st.session_state.get("_sc_filter_obj") != ctx.filters.objective):
    rated_objectives = [o for o in shown_objectives if grid.loc[grid["objective_id"] == o, "indicators_total"].max() > 0]
    st.session_state["sc_objective"] = ctx.filters.objective or (rated_objectives or shown_objectives)[0]
st.session_state["_sc_filter_obj"] = ctx.filters.objective
left, right = st.columns(2)
country = left.selectbox(t("scorecard_pick_country"), order, key="sc_country", format_func=lambda c: names.get(c, c))
objective = right.selectbox(t("scorecard_pick_objective"), shown_objectives, key="sc_objective",
                            format_func=lambda o: f"{o} · {objective_names[o]}")
cell = ratings[(ratings["country_iso3"] == country) & (ratings["objective_id"] == objective)].iloc[0]
country_name, objective_name = names.get(country, country), objective_names[objective]
st.subheader(f"{country_name} · {objective}. {objective_name}")

if cell["score_class"] == "context":
    st.info(t("scorecard_context_only"))
else:
    m = st.columns(3)
    label = rating_label(cell["score_class"], lang)
    m[0].metric(t("scorecard_metric_rating"), f"{shown_score(cell['score'])} · {label}" if pd.notna(cell["score"]) else "–")
    m[1].metric(t("scorecard_metric_coverage"), t("scorecard_n_of", n=int(cell["indicators_rated"]),
                                                  total=int(cell["indicators_total"])))
    m[2].metric(t("scorecard_metric_rank"), t("scorecard_n_of", n=cell["rank_label"], total=int(cell["n_ranked"]))
                if cell["rank_label"] else "–")
    if pd.notna(cell["score"]):
        st.markdown(f"#### {t('scorecard_metric_trend')}: {trend_arrow(cell['trend'])} "
                    f"{trend_label(cell['trend'], lang)}{slope_text(cell['slope'])}")
    if cell["score_class"] == "insufficient":
        st.warning(t("scorecard_too_little", rated=int(cell["indicators_rated"]), total=int(cell["indicators_total"])))

    table = indicator_table(tuple(years), country, objective, lang)
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        t("scorecard_col_score"): st.column_config.NumberColumn(format="%d"),
        t("scorecard_col_indicator"): st.column_config.TextColumn(width="large"),
    })
    st.caption(t("scorecard_detail_note", baseline=config.baseline_year, start=max(years[0], config.min_latest_year),
                 end=years[1]))
context = ctx.indicators[(ctx.indicators["objective_id"] == objective)
                         & ~ctx.indicators["indicator_code"].isin(list(config.bounds))]
if len(context):
    st.caption(t("scorecard_context_indicators", names="; ".join(context[f"name_{lang}"])))

links = st.columns(2)
links[0].page_link("pages/objective.py", icon=":material/flag:", label=t("scorecard_link_objective", objective=objective,
                   country=country_name), query_params={"objective": str(objective), "countries": country, "lang": lang})
links[1].page_link("pages/country.py", icon=":material/location_on:", label=t("scorecard_link_country", country=country_name),
                   query_params={"country": country, "lang": lang})


def practice_table(df: pd.DataFrame) -> pd.DataFrame:
    """Published practices as a table; titles are shown as plain text."""
    world = ctx.world_country_names()
    return pd.DataFrame({
        t("scorecard_col_practice"): df["title"],
        t("scorecard_col_countries"): [", ".join(world.get(c, c) for c in cs) for cs in df["countries"]],
        t("scorecard_col_start"): df["year_start"],
        t("scorecard_col_actors"): df["actors"],
    })


st.subheader(t("scorecard_practices_header", country=country_name))
own = load_practices(objective, [country])
if own.empty:
    st.info(t("scorecard_no_practices"))
else:
    st.dataframe(practice_table(own), hide_index=True, width="stretch")

# "Who solved this?": practices of peers (same peer group or subregion) rated better on this objective.
st.subheader(t("scorecard_who_solved"))
better, widened = load_peers_rated_better(years, country, objective)
if cell["score_class"] == "context":
    st.info(t("scorecard_who_context"))
elif better.empty:
    st.success(t("scorecard_who_none", country=country_name))
else:
    st.caption(t("scorecard_who_widened" if widened else "scorecard_who_peers", country=country_name))
    st.dataframe(pd.DataFrame({
        t("scorecard_col_country"): better["country_iso3"].map(lambda c: names.get(c, c)),
        t("scorecard_col_score"): better["shown"],
        t("scorecard_col_rating"): better["score_class"].map(lambda s: rating_label(s, lang)),
        t("scorecard_col_trend"): [f"{trend_arrow(tr)} {trend_label(tr, lang)}".strip() for tr in better["trend"]],
        t("scorecard_col_rank"): better["rank_label"],
    }), hide_index=True, width="stretch")
    theirs = load_practices(objective, better["country_iso3"].tolist())
    if theirs.empty:
        st.info(t("scorecard_who_no_practices"))
    else:
        st.dataframe(practice_table(theirs), hide_index=True, width="stretch")
