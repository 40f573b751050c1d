"""Regional scorecard (home): headline figures, countries x objectives ratings, and one cell in detail."""
from __future__ import annotations

import streamlit as st

from gcm.cache import view_model
from gcm.downloads import download_button
from gcm.filters import page_param, show_notes, write_page_param
from gcm.models.scorecard import (REGION, Message, cell_model, cell_version, ratings_version, region_model,
                                  scorecard_model)
from gcm.page import DEFAULT_YEARS, label_heading, page_context
from gcm.safe import escape_markdown
from gcm.tables import show_table

# The grid figure, its description and its download were most of a rerun, for inputs that repeat:
# built once per selection, language, build and rating file, shared by every session. A cell's
# detail is kept per cell, language, build, rating file and published practices.
_scorecard = view_model(scorecard_model, ratings_version)
_cell = view_model(cell_model, cell_version)
_region = view_model(region_model, ratings_version)


def show(message: Message) -> None:
    """A model's message in the box of its kind."""
    {"info": st.info, "success": st.success, "warning": st.warning, "caption": st.caption}[message.kind](message.text)


ctx = page_context(["countries", "objective", "years"])
lang, t = ctx.lang, ctx.t
years = tuple(ctx.filters.years or DEFAULT_YEARS)
model = _scorecard(years, tuple(ctx.selected_countries()), ctx.filters.objective, lang, ctx.presenting, ctx.locale)

st.title(model.title)
st.caption(model.intro)

# --- Headline figures for the selected countries and years -----------------------------------
for row in model.headline_rows:
    for col, metric in zip(st.columns(len(row)), row):
        col.metric(metric.label, metric.value)
        col.caption(metric.caption)

# --- The grid: countries x focus objectives (plus the one chosen in the filter), by subregion --
st.caption(t("scorecard_grid_legend"))  # the key to the cells, above the grid it explains
events = []
for i, block in enumerate(model.blocks):
    label_heading(block.label, 2, f"block_{i}")
    events.append(st.plotly_chart(block.figure, key=f"scorecard_grid_{i}", on_select="rerun",
                                  selection_mode="points", config={"displayModeBar": False}, alt=block.description))
    st.caption(escape_markdown(block.description))
if len(model.blocks) > 1:  # one block's description is already the whole grid's
    st.caption(escape_markdown(model.description))
with st.expander(t("scorecard_grid_table"), icon=":material/table:"):
    show_table(model.table, ctx)
download_button(model.download, t("scorecard_download"), "gcm-scorecard", ctx, key="dl_scorecard",
                headers=model.download_headers)

# --- One cell in detail: chosen by clicking the grid, with the two boxes below, or by the link --
st.header(t("scorecard_detail_header"))
choices = [REGION] + model.order


def parse_cell(value: str) -> tuple[str, int] | None:
    """'COL-10' (or 'ALL-10' for the region) -> ('COL', 10) when that cell is on the scorecard."""
    code, _, number = value.upper().partition("-")
    ok = code in choices and number.isascii() and number.isdigit() and len(number) <= 2
    return (code, int(number)) if ok and int(number) in model.objectives else None


# Defaults (the reader's country and objective), then a link's cell, then a click on the grid.
chosen = list(ctx.filters.countries)
if st.session_state.get("sc_country") not in choices or st.session_state.get("_sc_filter_countries") != chosen:
    st.session_state["sc_country"] = chosen[0] if chosen else REGION  # the reader's country, else the region
st.session_state["_sc_filter_countries"] = chosen
if st.session_state.get("sc_objective") not in model.objectives or (
        ctx.filters.objective and st.session_state.get("_sc_filter_obj") != ctx.filters.objective):
    st.session_state["sc_objective"] = ctx.filters.objective or model.first_objective
st.session_state["_sc_filter_obj"] = ctx.filters.objective
show_notes(page_param("cell", "_sc_cell", lambda v: parse_cell(v) is not None, "scorecard_unknown_cell",
                      multiple=False), lang)
linked = st.session_state.get("_sc_cell")
if linked and linked != st.session_state.get("_sc_cell_applied"):  # a link names the cell
    st.session_state["sc_country"], st.session_state["sc_objective"] = parse_cell(linked)
    st.session_state["_sc_cell_applied"] = linked
# A click on the grid selects that cell below; the boxes stay free to change afterwards.
points = [p for e in events if e and e.selection for p in e.selection.points if p.get("customdata")]
if points:
    picked = tuple(points[0]["customdata"][1:3])
    if picked != st.session_state.get("_sc_picked"):
        st.session_state["_sc_picked"] = picked
        st.session_state["sc_country"], st.session_state["sc_objective"] = picked[0], int(picked[1])
left, right = st.columns(2)
country = left.selectbox(t("scorecard_pick_country"), choices, key="sc_country",
                         format_func=lambda c: t("scorecard_region_choice") if c == REGION else model.country_names[c],
                         placeholder=t("choose_option"))
objective = right.selectbox(t("scorecard_pick_objective"), model.objectives, key="sc_objective",
                            format_func=lambda o: f"{o} · {model.objective_names[o]}", placeholder=t("choose_option"))
write_page_param("cell", [f"{country}-{objective}"])  # the cell shown can be shared as a link
if country == REGION:
    region = _region(years, objective, lang)
    st.subheader(region.heading)
    st.caption(region.note)
    show_table(region.table, ctx)
    st.page_link("pages/objective.py", icon=":material/flag:", label=region.objective_link.label,
                 query_params=region.objective_link.params)
    st.stop()
cell = _cell(years, country, objective, lang, ctx.locale)
st.subheader(cell.heading)

if cell.context_only:
    st.info(t("scorecard_context_only"))
else:
    for col, metric in zip(st.columns(len(cell.metrics)), cell.metrics):
        col.metric(metric.label, metric.value)
    if cell.trend:
        st.markdown(cell.trend)
    if cell.single:
        st.caption(cell.single)
    if cell.warning:
        st.warning(cell.warning)
    show_table(cell.table, ctx, column_config={
        t("scorecard_col_score"): st.column_config.NumberColumn(format="%d"),
        t("scorecard_col_indicator"): st.column_config.TextColumn(width="large"),
    })
    st.caption(cell.table_note)
label_heading(t("scorecard_commitments_header"), 3, "commitments")
st.caption(cell.commitments_note)
if cell.commitments is not None:
    show_table(cell.commitments, ctx)
if cell.context_indicators:
    st.caption(cell.context_indicators)

links = st.columns(2)
links[0].page_link("pages/objective.py", icon=":material/flag:", label=cell.objective_link.label,
                   query_params=cell.objective_link.params)
links[1].page_link("pages/country.py", icon=":material/location_on:", label=cell.country_link.label,
                   query_params=cell.country_link.params)

st.subheader(cell.practices_header)
if cell.practices is None:
    st.info(t("scorecard_no_practices"))
else:
    show_table(cell.practices, ctx)

# "Who solved this?": practices of peers (same peer group or subregion) rated better on this objective.
st.subheader(t("scorecard_who_solved"))
show(cell.who)
if cell.peers is not None:
    show_table(cell.peers, ctx)
if cell.peer_practices is not None:
    show_table(cell.peer_practices, ctx)
if cell.region_practices:
    st.page_link("pages/practices.py", icon=":material/library_books:", label=cell.region_practices.label,
                 query_params=cell.region_practices.params)
