"""What the warehouse holds: sources and licences, years, row counts, and what was quarantined."""
from __future__ import annotations

import streamlit as st

from gcm.db import WarehouseUnavailable
from gcm.formatting import number
from gcm.i18n import by_english
from gcm.page import page_context, show_unavailable
from gcm.queries import warehouse as queries
from gcm.stats import ranking_direction
from gcm.tables import show_table

ctx = page_context([])
t = ctx.t
st.title(t("src_title"))
st.caption(t("src_intro"))

try:
    run = queries.load_last_run()
    counts = queries.load_headline_counts()
    sources = queries.load_sources()
    catalogue = queries.load_indicator_catalogue()
    by_reason = queries.load_quarantine_by_reason()
    out_of_scope = queries.load_out_of_scope_by_reason()
    file_stats = queries.load_file_stats()
except WarehouseUnavailable as exc:
    show_unavailable(exc, ctx.lang)
    st.stop()

# The ETL writes its reasons in English: each in the reader's language where the catalogue has it.
reasons = by_english("src_reason_", ctx.lang)
by_reason = by_reason.assign(shown=by_reason["reason"].map(lambda r: reasons.get(r, r)))
out_of_scope = out_of_scope.assign(reason=out_of_scope["reason"].map(lambda r: reasons.get(r, r)))
REASON_COLUMNS = {"source": t("src_col_folder"), "reason": t("src_col_reason"), "shown": t("src_col_reason"),
                  "rows": st.column_config.NumberColumn(t("src_col_rows"), format="localized")}

# Names, units, kinds and directions in the reader's language; a count is ranked by size on every page,
# never as better or worse (gcm.stats.ranking_direction), and says so here too.
catalogue = catalogue.assign(
    name=catalogue[f"name_{ctx.lang}"], unit=catalogue[f"unit_{ctx.lang}"],
    kind=[t(f"kind_{k}") for k in catalogue["kind"]],
    direction=[t("src_direction_count" if row["is_count"] else f"src_direction_{ranking_direction(row)}")
               for _, row in catalogue.iterrows()],
)[["objective_id", "indicator_code", "name", "unit", "kind", "direction", "countries", "first_year", "last_year",
   "values", "source", "licence"]]

cols = st.columns(5)
cols[0].metric(t("src_indicators"), number(counts['indicators'], ctx.locale))
cols[1].metric(t("src_countries"), number(counts['countries'], ctx.locale))
cols[2].metric(t("src_years"), f"{counts['first_year']}–{counts['last_year']}")
cols[3].metric(t("src_incidents"), number(counts['incidents'], ctx.locale))
cols[4].metric(t("src_practices"), number(counts['practices'], ctx.locale))

if len(run):
    r = run.iloc[0]
    kind, _, where = str(r["origin"]).partition(": ")  # "snapshots: data/snapshots"
    origin = f"{by_english('src_origin_', ctx.lang).get(kind, kind)}: {where}" if where else str(r["origin"])
    st.caption(
        t("src_built", when=f"{r['started_at']:%Y-%m-%d %H:%M}", origin=origin,
          seconds=f"{r['duration_s']:.1f}", digest=str(r["inputs_digest"])[:12])
    )

st.header(t("src_sources_header"))
show_table(
    sources,
    ctx,
    column_config={
        "folder": t("src_col_folder"),
        "publishers": st.column_config.TextColumn(t("src_col_publisher"), width="large"),
        "licences": st.column_config.TextColumn(t("src_col_licence"), width="medium"),
        "indicators": t("src_indicators"),
        "first_year": st.column_config.NumberColumn(t("src_col_from"), format="%d"),
        "last_year": st.column_config.NumberColumn(t("src_col_to"), format="%d"),
        "files": t("src_col_files"),
        "rows_read": st.column_config.NumberColumn(t("src_col_read"), format="localized"),
        "rows_loaded": st.column_config.NumberColumn(t("src_col_loaded"), format="localized"),
        "rows_quarantined": st.column_config.NumberColumn(t("src_col_quarantined"), format="localized"),
        "rows_duplicate": st.column_config.NumberColumn(t("src_col_duplicates"), format="localized"),
        "rows_out_of_scope": st.column_config.NumberColumn(t("src_col_out_of_scope"), format="localized"),
    },
)
st.caption(t("src_sources_caption"))

st.header(t("src_catalogue_header"))
show_table(
    catalogue,
    ctx,
    column_config={
        "objective_id": st.column_config.NumberColumn(t("src_col_objective"), format="%d"),
        "indicator_code": t("src_col_code"),
        "name": st.column_config.TextColumn(t("src_col_indicator"), width="large"),
        "unit": t("src_col_unit"),
        "kind": t("src_col_kind"),
        "direction": t("src_col_direction"),
        "countries": t("src_countries"),
        "values": t("src_col_values"),
        "source": t("src_col_source"),
        "licence": t("src_col_licence"),
        "first_year": st.column_config.NumberColumn(t("src_col_from"), format="%d"),
        "last_year": st.column_config.NumberColumn(t("src_col_to"), format="%d"),
    },
)
st.caption(t("src_catalogue_count_note"))  # why a count has no better or worse

if len(out_of_scope):
    st.header(t("src_out_of_scope_header"))
    st.caption(t("src_out_of_scope_caption", n=number(int(out_of_scope['rows'].sum()), ctx.locale)))
    show_table(out_of_scope, ctx, column_config=REASON_COLUMNS)

st.header(t("src_quarantine_header"))
st.caption(
    t("src_quarantine_caption", n=number(counts['quarantined'], ctx.locale))
)
left, right = st.columns([3, 2])
with left:
    show_table(by_reason[["source", "shown", "rows"]], ctx, column_config=REASON_COLUMNS)
with right:
    show_table(file_stats, ctx, height=360, column_config={
        "source": t("src_col_folder"), "source_file": t("src_col_file"),
        **{c: st.column_config.NumberColumn(t(k), format="localized") for c, k in (
            ("rows_read", "src_col_read"), ("rows_loaded", "src_col_loaded"), ("rows_quarantined", "src_col_quarantined"),
            ("rows_duplicate", "src_col_duplicates"), ("rows_out_of_scope", "src_col_out_of_scope"))}})

if len(by_reason):
    labels = [f"{r.source}: {r.shown} ({number(r.rows, ctx.locale)})" for r in by_reason.itertuples()]
    choice = st.selectbox(t("src_show_rows"), labels, index=0, placeholder=t("choose_option"))
    picked = by_reason.iloc[labels.index(choice)]
    # The rows as the source file has them (raw_values is the source's own text).
    show_table(queries.load_quarantine_sample(picked["source"], picked["reason"]), ctx, column_config={
        "source_file": t("src_col_file"), "line": st.column_config.NumberColumn(t("src_col_line"), format="%d"),
        "record_key": t("src_col_record_key"), "raw_values": t("src_col_raw_values")})
