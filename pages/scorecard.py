"""Regional scorecard (home): headline figures, countries x objectives ratings, and one cell in detail."""
from __future__ import annotations

import streamlit as st

from gcm.cache import view_model
from gcm.db import build_key
from gcm.downloads import download_button
from gcm.models.scorecard import Message, cell_model, scorecard_model
from gcm.page import DEFAULT_YEARS, page_context
from gcm.queries.practices import practices_version
from gcm.queries.rating import rating_file_key
from gcm.safe import escape_markdown

# The grid figure, its description and its download were most of a rerun, for inputs that repeat:
# built once per selection, language, build and rating file, shared by every session. A cell's
# detail is kept per cell, language, build, rating file and published practices.
_scorecard = view_model(scorecard_model)
_cell = view_model(cell_model)


def show(message: Message) -> None:
    """A model's message in the box of its kind."""
    {"info": st.info, "success": st.success, "warning": st.warning, "caption": st.caption}[message.kind](message.text)


ctx = page_context(["countries", "objective", "years"])
lang, t = ctx.lang, ctx.t
years = tuple(ctx.filters.years or DEFAULT_YEARS)
model = _scorecard(build_key(), rating_file_key(), years, tuple(ctx.selected_countries()), ctx.filters.objective,
                   lang, ctx.presenting)

st.title(model.title)
st.caption(model.intro)

# --- Headline figures for the selected countries and years -----------------------------------
for col, metric in zip(st.columns(len(model.headlines)), model.headlines):
    col.metric(metric.label, metric.value)
    col.caption(metric.caption)

# --- The grid: countries x focus objectives (plus the one chosen in the filter) ---------------
event = st.plotly_chart(model.figure, key="scorecard_grid", on_select="rerun", selection_mode="points",
                        config={"displayModeBar": False}, alt=model.description)
st.caption(escape_markdown(model.description))
st.caption(t("scorecard_grid_legend"))
download_button(model.download, t("scorecard_download"), "gcm-scorecard", ctx, key="dl_scorecard",
                headers=model.download_headers)

# --- One cell in detail: chosen by clicking the grid or with the two boxes below -------------
st.header(t("scorecard_detail_header"))
# A click on the grid selects that cell below; the boxes stay free to change afterwards.
points = event.selection.points if event and event.selection else []
if points and points[0].get("customdata"):
    picked = tuple(points[0]["customdata"][1:3])
    if picked != st.session_state.get("_sc_picked"):
        st.session_state["_sc_picked"] = picked
        st.session_state["sc_country"], st.session_state["sc_objective"] = picked[0], int(picked[1])
if st.session_state.get("sc_country") not in model.order:
    st.session_state["sc_country"] = ctx.filters.countries[0] if ctx.filters.countries else model.order[0]
if st.session_state.get("sc_objective") not in model.objectives or (
        ctx.filters.objective and st.session_state.get("_sc_filter_obj") != ctx.filters.objective):
    st.session_state["sc_objective"] = ctx.filters.objective or model.first_objective
st.session_state["_sc_filter_obj"] = ctx.filters.objective
left, right = st.columns(2)
country = left.selectbox(t("scorecard_pick_country"), model.order, key="sc_country",
                         format_func=lambda c: model.country_names.get(c, c))
objective = right.selectbox(t("scorecard_pick_objective"), model.objectives, key="sc_objective",
                            format_func=lambda o: f"{o} · {model.objective_names[o]}")
cell = _cell(practices_version(), rating_file_key(), years, country, objective, lang)
st.subheader(cell.heading)

if cell.context_only:
    st.info(t("scorecard_context_only"))
else:
    for col, metric in zip(st.columns(len(cell.metrics)), cell.metrics):
        col.metric(metric.label, metric.value)
    if cell.trend:
        st.markdown(cell.trend)
    if cell.warning:
        st.warning(cell.warning)
    st.dataframe(cell.table, hide_index=True, width="stretch", column_config={
        t("scorecard_col_score"): st.column_config.NumberColumn(format="%d"),
        t("scorecard_col_indicator"): st.column_config.TextColumn(width="large"),
    })
    st.caption(cell.table_note)
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
    st.dataframe(cell.practices, hide_index=True, width="stretch")

# "Who solved this?": practices of peers (same peer group or subregion) rated better on this objective.
st.subheader(t("scorecard_who_solved"))
show(cell.who)
if cell.peers is not None:
    st.dataframe(cell.peers, hide_index=True, width="stretch")
    if cell.peer_practices is None:
        st.info(t("scorecard_who_no_practices"))
    else:
        st.dataframe(cell.peer_practices, hide_index=True, width="stretch")
