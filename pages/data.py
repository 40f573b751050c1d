"""Data & downloads: choose indicators, countries and years, preview the table, download exactly that as CSV."""
from __future__ import annotations

import streamlit as st

from gcm.cache import view_model
from gcm.downloads import download_button
from gcm.export import coverage_style
from gcm.filters import offer_years_with_data, page_param, show_notes, write_page_param
from gcm.models.data import data_model
from gcm.page import page_context, section_heading
from gcm.queries.indicators import load_year_span
from gcm.tables import show_table

# The indicators chosen on this page live in the URL as `indicators=a,b`, so a link reopens the
# same table (gcm.filters keeps that parameter when it rewrites the URL).
PICK = "w_data_indicators"

# The export shape, its localised copy, the coverage and the source list were rebuilt on every
# rerun: kept per selection, language and build instead.
_data_model = view_model(data_model)


ctx = page_context(["countries", "objective", "indicator", "years"])
st.title(ctx.t("nav_data"))
st.caption(ctx.t("data_intro"))

# --- Which indicators: the link's, else the sidebar's indicator, else its objective's ----------
catalogue = ctx.indicators
names = dict(zip(catalogue["indicator_code"], catalogue[f"name_{ctx.lang}"]))
seed_key = (ctx.filters.objective, ctx.filters.indicator)
if ctx.filters.indicator:
    seed = [ctx.filters.indicator]
elif ctx.filters.objective:
    seed = catalogue.loc[catalogue["objective_id"] == ctx.filters.objective, "indicator_code"].tolist()
else:
    seed = []
# A link decides (else the sidebar's seed); then a change of the sidebar's objective or indicator does.
before = st.session_state.get("_url_seen_indicators")
notes = page_param("indicators", PICK, names.__contains__, "note_unknown_indicator", default=seed, limit=len(names) + 5)
if st.session_state.get("_url_seen_indicators") == before and st.session_state.get("_data_ind_seed") != seed_key:
    st.session_state[PICK] = seed  # the sidebar's objective or indicator changed: start from it
st.session_state["_data_ind_seed"] = seed_key
show_notes(notes, ctx.lang)

chosen = st.multiselect(ctx.t("data_pick_indicators"), list(names), key=PICK, format_func=names.get,
                        placeholder=ctx.t("data_pick_placeholder"), help=ctx.t("data_pick_help"))
write_page_param("indicators", chosen)

if not chosen:
    st.info(ctx.t("data_none_chosen"))
    st.stop()

# --- The table, exactly as it will be downloaded ------------------------------------------------
model = _data_model(tuple(chosen), tuple(ctx.filters.countries), tuple(ctx.filters.years), ctx.lang, ctx.locale)
for col, metric in zip(st.columns(len(model.metrics)), model.metrics):
    col.metric(metric.label, metric.value, help=metric.help)

section_heading(ctx.t("data_preview_header"), "data_preview")
if model.download.empty:
    if not offer_years_with_data(" · ".join(names[c] for c in chosen), tuple(ctx.filters.years),
                                 load_year_span(chosen, ctx.filters.countries), ctx.lang, key="data_use_years"):
        st.info(ctx.t("data_no_rows"))
else:
    label = model.labels
    show_table(
        model.shown, ctx, height=420,
        column_config={
            label["country_iso3"]: st.column_config.TextColumn(width="small", pinned=True),
            label["country"]: st.column_config.TextColumn(pinned=True),
            label["year"]: st.column_config.NumberColumn(format="%d"),
            label["value"]: st.column_config.NumberColumn(format="localized"),
            label["objective_id"]: st.column_config.NumberColumn(format="%d"),
            label["source_url"]: st.column_config.LinkColumn(),
        },
    )
    st.caption(model.preview_caption)
    download_button(model.download, ctx.t("data_download_label"), "gcm-data", ctx)

# --- Coverage: which country lacks which indicator ---------------------------------------------
section_heading(ctx.t("data_coverage_header"), "data_coverage")
grid, corner = model.coverage, model.coverage_corner
show_table(
    grid.style.map(lambda n: coverage_style(n, model.span), subset=model.coverage_columns), ctx,
    height=38 + 35 * len(grid),
    column_config={corner: st.column_config.TextColumn(pinned=True,
                                                       width="large" if model.coverage_by_indicator else "medium")}
    | {name: st.column_config.NumberColumn(help=name) for name in model.coverage_columns},
)
st.caption(model.coverage_caption)
download_button(grid, ctx.t("data_coverage_download"), "gcm-coverage", ctx)

# --- Sources and licences of what is selected --------------------------------------------------
section_heading(ctx.t("data_sources_header"), "data_sources")
st.table(model.sources, hide_index=True)  # a static table wraps long source names
st.caption(ctx.t("data_sources_caption"))
