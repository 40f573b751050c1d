"""Practices: search and filter the published practices (fact sheet and reviewed submissions), then read one.

Practice text will come from public submissions, so it is shown only as plain text (st.text,
st.dataframe) or escaped Markdown, and source links only when they are http(s) URLs.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from gcm.downloads import download_button
from gcm.filters import page_param, show_notes, write_page_param
from gcm.i18n import LANG_NAMES
from gcm.page import page_context
from gcm.queries.practices import (load_practice, load_practice_countries, load_practice_objectives,
                                   load_practices)
from gcm.safe import escape_markdown
from gcm.search import (ACTOR_CLASSES, LEVELS, ROLES, STATUS_CLASSES, actor_classes, filter_practices,
                        search_practices, split_source_urls, status_class)
from practices.record import guiding_principles

PRACTICE_PARAM = "practice"
SEARCH_PARAM = "q"
SEARCH_CHARS = 200
VERIFIED = ("yes", "partial")


def _pick(practice_id: str | None) -> None:
    """Show a practice and keep its id in the URL, so the detail view is a shareable link."""
    st.session_state["pr_practice"] = practice_id
    write_page_param(PRACTICE_PARAM, [practice_id] if practice_id else [])


def _filled(value: object) -> bool:
    """Whether a field holds text (fact-sheet and submitted practices leave different fields empty)."""
    return isinstance(value, str) and value.strip() != ""


def _on_select_box() -> None:
    _pick(st.session_state.get("pr_practice"))


def _on_select_row() -> None:
    rows = st.session_state["pr_table"].selection.rows
    shown = st.session_state.get("_pr_rows", [])
    if rows and rows[0] < len(shown):
        _pick(shown[rows[0]])


# The callbacks above run before this script, so the filters below already see the URL they wrote.
ctx = page_context(["countries", "objective"])
principles = guiding_principles()
principle_names = dict(zip(principles["principle_id"], principles[f"name_{ctx.lang}"]))
st.title(ctx.t("nav_practices"))
st.caption(ctx.t("practices_intro"))

every = load_practices()
chosen = load_practices(ctx.filters.objective, ctx.filters.countries)
titles = dict(zip(every["practice_id"], every["title"]))

# The URL names the open practice (the callbacks keep the two in step), so a shared link reopens it.
show_notes(page_param(PRACTICE_PARAM, "pr_practice", titles.__contains__, "practices_unknown_id", multiple=False),
           ctx.lang)

# Filters of this page only: free-text search in the page, the rest under the shared filters.
side = st.sidebar
side.subheader(ctx.t("practices_filters"))
actors = side.multiselect(ctx.t("practices_filter_actor"), list(ACTOR_CLASSES), key="pr_actor",
                          format_func=lambda c: ctx.t(f"practices_actor_{c}"), placeholder=ctx.t("practices_any"))
levels = side.multiselect(ctx.t("practices_filter_level"), list(LEVELS), key="pr_level",
                          format_func=lambda c: ctx.t(f"practices_level_{c}"), placeholder=ctx.t("practices_any"))
statuses = side.multiselect(ctx.t("practices_filter_status"), list(STATUS_CLASSES), key="pr_status",
                            format_func=lambda c: ctx.t(f"practices_status_{c}"), placeholder=ctx.t("practices_any"))
known_years = pd.to_numeric(every["year_start"], errors="coerce").dropna().astype(int)
year_lo, year_hi = (int(known_years.min()), int(known_years.max())) if len(known_years) else (1990, 2025)
year_range = side.slider(ctx.t("practices_filter_years"), year_lo, year_hi, (year_lo, year_hi), key="pr_years")
unknown_year = side.checkbox(ctx.t("practices_unknown_year"), value=True, key="pr_unknown_year")

# The search text is part of the link (`q=`), so a search can be shared like any other view.
page_param(SEARCH_PARAM, "pr_search", lambda _: True, "", multiple=False, default="")
st.session_state["pr_search"] = str(st.session_state["pr_search"] or "")[:SEARCH_CHARS]
query = st.text_input(ctx.t("practices_search"), key="pr_search", placeholder=ctx.t("practices_search_placeholder"),
                      max_chars=SEARCH_CHARS,
                      on_change=lambda: write_page_param(SEARCH_PARAM, [st.session_state["pr_search"].strip()]
                                                         if st.session_state["pr_search"].strip() else []))
found = filter_practices(search_practices(chosen, query), actors, levels, statuses, year_range, unknown_year)

heads = st.columns(3)
heads[0].metric(ctx.t("practices_found"), ctx.t("practices_found_of", n=len(found), total=len(every)))
heads[1].metric(ctx.t("practices_countries_involved"), len({c for cs in found["countries"] for c in cs}))
heads[2].metric(ctx.t("practices_objectives_covered"), len({o for os in found["objectives"] for o in os}))

names = ctx.world_country_names()  # practices involve partners beyond the 35
table = pd.DataFrame({
    "id": found["practice_id"],
    "title": found["title"],
    "countries": [", ".join(names.get(c, c) for c in cs) for cs in found["countries"]],
    "objectives": ["; ".join(f"{o} · {ctx.objective_name(int(o))}" for o in os) for os in found["objectives"]],
    "year": ["–" if pd.isna(y) else str(int(y)) for y in found["year_start"]],
    "actor": [", ".join(ctx.t(f"practices_actor_{c}") for c in actor_classes(a)) for a in found["actor_type"]],
    "status": [ctx.t(f"practices_status_{status_class(s)}") for s in found["practice_status"]],
}).reset_index(drop=True)
st.session_state["_pr_rows"] = table["id"].tolist()

if table.empty:
    st.info(ctx.t("practices_none"))
else:
    st.caption(ctx.t("practices_table_caption"))
    st.dataframe(
        table, hide_index=True, width="stretch", key="pr_table", on_select=_on_select_row,
        selection_mode="single-row",
        column_config={
            "id": st.column_config.TextColumn(ctx.t("practices_col_id"), width="small"),
            "title": st.column_config.TextColumn(ctx.t("practices_col_title"), width="large"),
            "countries": st.column_config.TextColumn(ctx.t("practices_col_countries"), width="medium"),
            "objectives": st.column_config.TextColumn(ctx.t("practices_col_objectives"), width="medium"),
            "year": st.column_config.TextColumn(ctx.t("practices_col_year"), width="small"),
            "actor": st.column_config.TextColumn(ctx.t("practices_col_actor"), width="medium"),
            "status": st.column_config.TextColumn(ctx.t("practices_col_status"), width="small"),
        },
    )
    download_button(table, ctx.t("practices_download", n=len(table)), "gcm-practices", ctx, key="pr_download",
                    headers={c: ctx.t(f"practices_col_{c}") for c in table.columns})

# --- Detail of one practice ------------------------------------------------------------------
st.divider()
options = table["id"].tolist()
selected = st.session_state.get("pr_practice")
if selected and selected not in options:
    if selected in titles:
        options.insert(0, selected)  # keep the open practice even when the filters hide it
    else:
        st.session_state["pr_practice"] = selected = None
st.selectbox(ctx.t("practices_choose"), options, key="pr_practice", index=None, on_change=_on_select_box,
             format_func=lambda p: f"{p} · {titles.get(p, '')}", placeholder=ctx.t("practices_choose_placeholder"))

detail = load_practice(selected) if selected else pd.DataFrame()
if not detail.empty:
    p = detail.iloc[0]
    st.subheader(escape_markdown(p["title"]))
    if selected not in table["id"].tolist():
        st.caption(ctx.t("practices_hidden_by_filters"))
    year = ctx.t("practices_year_unknown") if pd.isna(p["year_start"]) else str(int(p["year_start"]))
    if not pd.isna(p.get("year_end")):
        year = f"{year}–{int(p['year_end'])}"
    submitted = p.get("source_file") == "submissions"
    if submitted:
        st.caption(ctx.t("practices_submitted_note", ref=selected))
    level = ctx.t(f"practices_level_{p['level']}") if p["level"] in LEVELS else str(p["level"])
    verified = str(p["verified"]).lower() if _filled(p["verified"]) else ""
    facts = st.columns(4)
    facts[0].metric(ctx.t("practices_col_year"), year)
    facts[1].metric(ctx.t("practices_filter_level"), level)
    facts[2].metric(ctx.t("practices_col_status"), ctx.t(f"practices_status_{status_class(p['practice_status'])}")
                    if _filled(p["practice_status"]) else "–")
    facts[3].metric(ctx.t("practices_verification"),
                    ctx.t(f"practices_verified_short_{verified}") if verified in VERIFIED else "–")

    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{ctx.t('practices_summary')}**")
        language = str(p["language"] or "en")
        if language != ctx.lang:
            st.caption(ctx.t("practices_summary_language_submitted" if submitted else "practices_summary_language",
                             language=ctx.t(f"practices_lang_{language}")
                             if language in LANG_NAMES else escape_markdown(language)))
        st.text(p["summary"] if _filled(p["summary"]) else "–")
        if not submitted:
            st.markdown(f"**{ctx.t('practices_original_name')}**")
            st.text(p["original_name"] if _filled(p["original_name"]) else "–")
        st.markdown(f"**{ctx.t('practices_actors')}**")
        st.text(p["actors"] if _filled(p["actors"]) else "–")
        # Fields only submitted practices have; shown when filled in, always as plain text.
        for name in ("partners", "target_group", "results", "lessons", "replicability"):
            if _filled(p.get(name)):
                st.markdown(f"**{ctx.t(f'submit_field_{name}')}**")
                st.text(p[name])
        if _filled(p.get("guiding_principles")):
            st.markdown(f"**{ctx.t('submit_field_guiding_principles')}**")
            st.text(", ".join(principle_names.get(g, g) for g in p["guiding_principles"].split("; ")))
    with right:
        places = load_practice_countries(selected)
        st.markdown(f"**{ctx.t('practices_col_countries')}**")
        st.dataframe(
            pd.DataFrame({
                "country": [names.get(c, c) for c in places["country_iso3"]],
                "role": [ctx.t(f"practices_role_{r}") if r in ROLES else str(r) for r in places["role"]],
            }),
            hide_index=True, width="stretch",
            column_config={"country": ctx.t("practices_col_country"), "role": ctx.t("practices_col_role")},
        )
        if not submitted:
            st.markdown(f"**{ctx.t('practices_status_detail')}**")
            st.text(p["practice_status"] if _filled(p["practice_status"]) else "–")
            st.markdown(f"**{ctx.t('practices_verification')}**")
            st.text(ctx.t(f"practices_verified_{verified}") if verified in VERIFIED
                    else str(p["verified"]) if _filled(p["verified"]) else "–")

    tags = load_practice_objectives(selected)
    st.markdown(f"**{ctx.t('practices_col_objectives')}**")
    st.dataframe(
        pd.DataFrame({
            "objective": [f"{o} · {ctx.objective_name(int(o))}" for o in tags["objective_id"]],
            "primary": tags["is_primary"].astype(bool),
            "rationale": tags["rationale"].fillna(""),
        }),
        hide_index=True, width="stretch",
        column_config={
            "objective": st.column_config.TextColumn(ctx.t("practices_col_objective"), width="medium"),
            "primary": st.column_config.CheckboxColumn(ctx.t("practices_col_primary"), width="small"),
            "rationale": st.column_config.TextColumn(ctx.t("practices_col_rationale"), width="large"),
        },
    )
    links, others = split_source_urls(p["source_urls"])
    st.markdown(f"**{ctx.t('practices_sources')}**")
    if links:
        st.dataframe(pd.DataFrame({"url": links}), hide_index=True, width="stretch",
                     column_config={"url": st.column_config.LinkColumn(ctx.t("practices_col_source"))})
    for other in others:
        st.text(other)  # not a web address: shown, never linked
    if not links and not others:
        st.text("–")
