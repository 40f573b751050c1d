"""What the warehouse holds: sources and licences, years, row counts, and what was quarantined."""
from __future__ import annotations

import streamlit as st

from gcm.queries import warehouse as queries
from gcm.db import WarehouseUnavailable
from gcm.page import require_router

require_router()
st.title("GCM Dashboard: data in the warehouse")
st.caption(
    "Migration governance in Latin America and the Caribbean, organised by the objectives of the "
    "Global Compact for Safe, Orderly and Regular Migration (GCM). Every figure below comes from a "
    "cited public source; rows that failed validation are kept in quarantine with the reason."
)

try:
    run = queries.load_last_run()
    counts = queries.load_headline_counts()
    sources = queries.load_sources()
    catalogue = queries.load_indicator_catalogue()
    by_reason = queries.load_quarantine_by_reason()
    file_stats = queries.load_file_stats()
except WarehouseUnavailable as exc:
    st.error(str(exc))
    st.stop()

cols = st.columns(5)
cols[0].metric("Indicators", f"{counts['indicators']:,}")
cols[1].metric("Countries with data", f"{counts['countries']:,}")
cols[2].metric("Years covered", f"{counts['first_year']}–{counts['last_year']}")
cols[3].metric("Migrant incidents mapped", f"{counts['incidents']:,}")
cols[4].metric("Published practices", f"{counts['practices']:,}")

if len(run):
    r = run.iloc[0]
    st.caption(
        f"Built {r['started_at']:%Y-%m-%d %H:%M} UTC from {r['origin']} in {r['duration_s']:.1f} s "
        f"(inputs digest {str(r['inputs_digest'])[:12]})."
    )

st.header("Sources and licences")
st.dataframe(
    sources,
    hide_index=True,
    width="stretch",
    column_config={
        "folder": "Source folder",
        "publishers": st.column_config.TextColumn("Publisher", width="large"),
        "licences": st.column_config.TextColumn("Licence", width="medium"),
        "indicators": "Indicators",
        "first_year": st.column_config.NumberColumn("From", format="%d"),
        "last_year": st.column_config.NumberColumn("To", format="%d"),
        "files": "Files",
        "rows_read": st.column_config.NumberColumn("Rows read", format="localized"),
        "rows_loaded": st.column_config.NumberColumn("Loaded", format="localized"),
        "rows_quarantined": st.column_config.NumberColumn("Quarantined", format="localized"),
        "rows_duplicate": st.column_config.NumberColumn("Duplicates", format="localized"),
    },
)
st.caption("Practices and map polygons have no yearly indicators; their rows are counted all the same.")

st.header("Indicators by GCM objective")
st.dataframe(
    catalogue,
    hide_index=True,
    width="stretch",
    column_config={
        "objective_id": st.column_config.NumberColumn("Objective", format="%d"),
        "indicator_code": "Code",
        "name_en": st.column_config.TextColumn("Indicator", width="large"),
        "first_year": st.column_config.NumberColumn("From", format="%d"),
        "last_year": st.column_config.NumberColumn("To", format="%d"),
    },
)

st.header("Quarantine: rows not loaded, and why")
st.caption(
    f"{counts['quarantined']:,} rows were set aside. Nothing is dropped silently: for every input file, "
    "rows read = loaded + quarantined + exact duplicates."
)
left, right = st.columns([3, 2])
with left:
    st.dataframe(by_reason, hide_index=True, width="stretch")
with right:
    st.dataframe(file_stats, hide_index=True, width="stretch", height=360)

if len(by_reason):
    labels = [f"{r.source}: {r.reason} ({r.rows:,})" for r in by_reason.itertuples()]
    choice = st.selectbox("Show quarantined rows for", labels, index=0)
    picked = by_reason.iloc[labels.index(choice)]
    st.dataframe(
        queries.load_quarantine_sample(picked["source"], picked["reason"]),
        hide_index=True,
        width="stretch",
    )
