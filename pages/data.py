"""Data & downloads: choose indicators, countries and years, preview the table, download exactly that as CSV."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import streamlit as st

from gcm.db import build_key
from gcm.downloads import download_button
from gcm.export import coverage_matrix, coverage_style, localized, sources_table, tidy_values
from gcm.filters import Note, show_notes, write_page_param
from gcm.memo import arrow
from gcm.page import page_context
from gcm.queries.indicators import load_values
from gcm.queries.reference import load_countries, load_indicators, load_objectives

# The indicators chosen on this page live in the URL as `indicators=a,b`, so a link reopens the
# same table (gcm.filters keeps that parameter when it rewrites the URL).
PICK = "w_data_indicators"


@dataclass(frozen=True)
class DataView:
    """The chosen values, the table as downloaded and as shown, and their sources."""

    values: pd.DataFrame
    table: pd.DataFrame  # tidy_values: what the CSV holds
    shown: pa.Table  # the same with headers in the reader's language
    sources: pd.DataFrame


def data_view(chosen: tuple[str, ...], countries: tuple[str, ...], years: tuple[int, int], lang: str) -> DataView:
    """The table for these indicators, countries and years in the current build, shared by every session."""
    return _data_view(build_key(), chosen, countries, years, lang)


# The export shape, its localised copy and the source list were rebuilt on every rerun: kept per
# selection, language and build instead.
@st.cache_resource(max_entries=128, show_spinner=False)
def _data_view(build: str, chosen: tuple[str, ...], countries: tuple[str, ...], years: tuple[int, int],
               lang: str) -> DataView:
    catalogue = load_indicators().assign(unit=lambda d: d[f"unit_{lang}"])
    values = load_values(list(chosen), list(countries), years)
    table = tidy_values(values, indicators=catalogue, countries=load_countries(), objectives=load_objectives(),
                        lang=lang)
    return DataView(values, table, arrow(localized(table, lang)),
                    localized(sources_table(catalogue, list(chosen), lang), lang))


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
raw = st.query_params.get_all("indicators")
if st.session_state.get("_data_ind_url") != raw:
    # A link was opened (or another page was left): the URL decides, else the sidebar.
    wanted = [c.strip() for c in ",".join(raw).split(",") if c.strip()][:len(names) + 5]  # bounded: a link is untrusted
    unknown = [c for c in wanted if c not in names]
    st.session_state["_data_ind_notes"] = (
        [Note("indicators", ", ".join(unknown)[:80], "note_unknown_indicator")] if unknown else [])
    st.session_state[PICK] = [c for c in dict.fromkeys(wanted) if c in names] or seed
elif st.session_state.get("_data_ind_seed") != seed_key:
    st.session_state[PICK] = seed  # the sidebar's objective or indicator changed: start from it
st.session_state["_data_ind_seed"] = seed_key
show_notes(st.session_state.get("_data_ind_notes", []), ctx.lang)

chosen = st.multiselect(ctx.t("data_pick_indicators"), list(names), key=PICK, format_func=names.get,
                        placeholder=ctx.t("data_pick_placeholder"), help=ctx.t("data_pick_help"))
write_page_param("indicators", chosen)
st.session_state["_data_ind_url"] = st.query_params.get_all("indicators")

if not chosen:
    st.info(ctx.t("data_none_chosen"))
    st.stop()

# --- The table, exactly as it will be downloaded ------------------------------------------------
lo, hi = ctx.filters.years
countries = ctx.selected_countries()
view = data_view(tuple(chosen), tuple(ctx.filters.countries), (lo, hi), ctx.lang)
values, table = view.values, view.table


def count(n: int) -> str:
    """A count with the reader's thousands separator."""
    return f"{n:,}".replace(",", "." if ctx.lang != "en" else ",")


cols = st.columns(4)
cols[0].metric(ctx.t("data_metric_rows"), count(len(table)))
cols[1].metric(ctx.t("data_metric_countries"),
               ctx.t("data_metric_of", n=table["country_iso3"].nunique(), total=len(countries)))
cols[2].metric(ctx.t("data_metric_suppressed"), count(int((values["value_flag"] == "suppressed").sum())),
               help=ctx.t("data_metric_suppressed_help"))
cols[3].metric(ctx.t("data_metric_partial"), count(int((table["months_covered"] < 12).sum())),
               help=ctx.t("data_metric_partial_help"))

st.subheader(ctx.t("data_preview_header"))
if table.empty:
    st.info(ctx.t("data_no_rows"))
else:
    label = dict(zip(table.columns, view.shown.column_names))
    st.dataframe(
        view.shown, hide_index=True, width="stretch", height=420,
        column_config={
            label["country_iso3"]: st.column_config.TextColumn(width="small", pinned=True),
            label["country"]: st.column_config.TextColumn(pinned=True),
            label["year"]: st.column_config.NumberColumn(format="%d"),
            label["value"]: st.column_config.NumberColumn(format="localized"),
            label["objective_id"]: st.column_config.NumberColumn(format="%d"),
            label["source_url"]: st.column_config.LinkColumn(),
        },
    )
    st.caption(ctx.t("data_preview_caption", rows=count(len(table)), lo=lo, hi=hi))
    download_button(table, ctx.t("data_download_label"), "gcm-data", ctx)

# --- Coverage: which country lacks which indicator ---------------------------------------------
st.subheader(ctx.t("data_coverage_header"))
matrix = coverage_matrix(values, chosen, countries, country_names=ctx.country_names(), indicator_names=names)
by_indicator = len(chosen) > len(countries)  # the longer list reads best down the rows
if by_indicator:
    matrix = matrix.T
corner = ctx.t("data_col_indicator" if by_indicator else "data_col_country")
grid = matrix.rename_axis(corner).reset_index()
span = hi - lo + 1
st.dataframe(
    grid.style.map(lambda n: coverage_style(n, span), subset=list(matrix.columns)), hide_index=True,
    width="stretch", height=38 + 35 * len(grid),
    column_config={corner: st.column_config.TextColumn(pinned=True, width="large" if by_indicator else "medium")}
    | {name: st.column_config.NumberColumn(help=name) for name in matrix.columns},
)
st.caption(ctx.t("data_coverage_caption", lo=lo, hi=hi, span=span))
download_button(grid, ctx.t("data_coverage_download"), "gcm-coverage", ctx)

# --- Sources and licences of what is selected --------------------------------------------------
st.subheader(ctx.t("data_sources_header"))
st.table(view.sources, hide_index=True)  # a static table wraps long source names
st.caption(ctx.t("data_sources_caption"))
