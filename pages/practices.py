"""Practices: search and filter the published practices (fact sheet and reviewed submissions), then read one.

Practice text will come from public submissions, so it is shown only as plain text (st.text, st.dataframe,
gcm.tables' escaped static tables) or escaped Markdown, and source links only when they are http(s) URLs.
"""
from __future__ import annotations

import streamlit as st

from gcm.downloads import download_button
from gcm.filters import page_param, show_notes, write_page_param
from gcm.models.practices import practice_catalogue, practice_detail, practice_list
from gcm.page import page_context, section_heading
from gcm.search import ACTOR_CLASSES, LEVELS, STATUS_CLASSES
from gcm.tables import show_table

PRACTICE_PARAM = "practice"
SEARCH_PARAM = "q"
SEARCH_CHARS = 200
WIDTHS = {"id": "small", "title": "large", "countries": "medium", "objectives": "medium", "year": "small",
          "actor": "medium", "status": "small"}


def _pick(practice_id: str | None) -> None:
    """Show a practice and keep its id in the URL, so the detail view is a shareable link."""
    st.session_state["pr_practice"] = practice_id
    write_page_param(PRACTICE_PARAM, [practice_id] if practice_id else [])


def _on_select_box() -> None:
    _pick(st.session_state.get("pr_practice"))


def _on_select_row() -> None:
    rows = st.session_state["pr_table"].selection.rows
    shown = st.session_state.get("_pr_rows", [])
    if rows and rows[0] < len(shown):
        _pick(shown[rows[0]])


def _labels(prefix: str):
    return lambda c: ctx.t(f"{prefix}{c}")


# The callbacks above run before this script, so the filters below already see the URL they wrote.
ctx = page_context(["countries", "objective"])
st.title(ctx.t("nav_practices"))
st.caption(ctx.t("practices_intro"))
catalogue = practice_catalogue(ctx.lang)
titles = catalogue.titles

# The URL names the open practice (the callbacks keep the two in step), so a shared link reopens it.
show_notes(page_param(PRACTICE_PARAM, "pr_practice", titles.__contains__, "practices_unknown_id", multiple=False),
           ctx.lang)

# Filters of this page only: free-text search in the page, the rest under the shared filters.
side = st.sidebar
with side:
    section_heading(ctx.t("practices_filters"), "pr_filters")
actors = side.multiselect(ctx.t("practices_filter_actor"), list(ACTOR_CLASSES), key="pr_actor",
                          format_func=_labels("practices_actor_"), placeholder=ctx.t("practices_any"))
levels = side.multiselect(ctx.t("practices_filter_level"), list(LEVELS), key="pr_level",
                          format_func=_labels("practices_level_"), placeholder=ctx.t("practices_any"))
statuses = side.multiselect(ctx.t("practices_filter_status"), list(STATUS_CLASSES), key="pr_status",
                            format_func=_labels("practices_status_"), placeholder=ctx.t("practices_any"))
year_lo, year_hi = catalogue.years
year_range = side.slider(ctx.t("practices_filter_years"), year_lo, year_hi, (year_lo, year_hi), key="pr_years")
unknown_year = side.checkbox(ctx.t("practices_unknown_year"), value=True, key="pr_unknown_year")

# The search text is part of the link (`q=`), so a search can be shared like any other view.
page_param(SEARCH_PARAM, "pr_search", lambda _: True, "", multiple=False, default="")
st.session_state["pr_search"] = str(st.session_state["pr_search"] or "")[:SEARCH_CHARS]
query = st.text_input(ctx.t("practices_search"), key="pr_search", placeholder=ctx.t("practices_search_placeholder"),
                      max_chars=SEARCH_CHARS,
                      on_change=lambda: write_page_param(SEARCH_PARAM, [st.session_state["pr_search"].strip()]
                                                         if st.session_state["pr_search"].strip() else []))
found = practice_list(ctx.filters.objective, ctx.filters.countries, query, actors, levels, statuses, year_range,
                      unknown_year, ctx.lang)

heads = st.columns(3)
heads[0].metric(ctx.t("practices_found"), found.found)
heads[1].metric(ctx.t("practices_countries_involved"), found.countries)
heads[2].metric(ctx.t("practices_objectives_covered"), found.objectives)

table = found.table
st.session_state["_pr_rows"] = found.ids
if table.empty:
    st.info(ctx.t("practices_none"))
else:
    st.caption(ctx.t("practices_table_caption"))
    if found.note:
        st.caption(found.note)
    # A row opens its practice: a table with on_select is st.dataframe in every mode.
    show_table(table, ctx, key="pr_table", on_select=_on_select_row, selection_mode="single-row",
               column_config={c: st.column_config.TextColumn(found.headers[c], width=w) for c, w in WIDTHS.items()})
    download_button(table, ctx.t("practices_download", n=len(table)), "gcm-practices", ctx, key="pr_download",
                    headers=found.headers)

# --- Detail of one practice ------------------------------------------------------------------
st.divider()
options = found.ids
selected = st.session_state.get("pr_practice")
if selected and selected not in options:
    if selected in titles:
        options.insert(0, selected)  # keep the open practice even when the filters hide it
    else:
        st.session_state["pr_practice"] = selected = None
st.selectbox(ctx.t("practices_choose"), options, key="pr_practice", index=None, on_change=_on_select_box,
             format_func=lambda p: f"{p} · {titles.get(p, '')}", placeholder=ctx.t("practices_choose_placeholder"))

detail = practice_detail(selected, ctx.lang) if selected else None
if detail is not None:
    section_heading(detail.practice_id, "pr_detail")
    st.text(detail.title)  # submitted text: never Markdown
    if selected not in found.ids:
        st.caption(ctx.t("practices_hidden_by_filters"))
    if detail.submitted:
        st.caption(ctx.t("practices_submitted_note", ref=selected))
    for col, (label, value) in zip(st.columns(4), detail.facts):
        col.metric(label, value)

    left, right = st.columns(2, gap="large")
    with left:
        for field in detail.fields:  # labels are ours; the text is the practice's, always plain text
            st.markdown(f"**{field.label}**")
            if field.note:
                st.caption(field.note)
            st.text(field.text)
    with right:
        st.markdown(f"**{ctx.t('practices_col_countries')}**")
        show_table(detail.countries, ctx,
                   column_config={"country": ctx.t("practices_col_country"), "role": ctx.t("practices_col_role")})
        for field in detail.checks:
            st.markdown(f"**{field.label}**")
            st.text(field.text)

    st.markdown(f"**{ctx.t('practices_col_objectives')}**")
    show_table(
        detail.objectives, ctx,
        column_config={
            "objective": st.column_config.TextColumn(ctx.t("practices_col_objective"), width="medium"),
            "primary": st.column_config.CheckboxColumn(ctx.t("practices_col_primary"), width="small"),
            "rationale": st.column_config.TextColumn(ctx.t("practices_col_rationale"), width="large"),
        },
    )
    st.markdown(f"**{ctx.t('practices_sources')}**")
    if not detail.links.empty:  # the host each link really leads to, beside it, so a link cannot pose as another
        show_table(detail.links, ctx,
                   column_config={"host": st.column_config.TextColumn(ctx.t("practices_col_host"), width="medium"),
                                  "url": st.column_config.LinkColumn(ctx.t("practices_col_source"))})
    for other in detail.other_sources:
        st.text(other)  # not a web address: shown, never linked
    if detail.links.empty and not detail.other_sources:
        st.text("–")
