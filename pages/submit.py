"""Submit a practice: a form with a message under every field that needs fixing, and a reference number.

The submission is stored at once in the submissions store and waits for a reviewer; nothing is
published without review. Values stay in the form after an error, so nothing typed is lost.
"""
from __future__ import annotations

import time

import streamlit as st

from gcm.page import page_context
from gcm.safe import escape_markdown
from practices.record import (ACTOR_CLASSES, LANGUAGES, LEVELS, PRACTICE_STATUSES, check, country_options,
                              field_specs, guiding_principles, reference_for, settings)
from practices.store import Store

ERRORS = "_submit_errors"
DONE = "_submit_done"
TIMES = "_submit_times"
PREFIX = "sub_"

ctx = page_context([])
st.title(ctx.t("nav_submit"))
st.caption(ctx.t("submit_intro"))
specs = field_specs()
limits = settings()["rate_limit"]


def _reset() -> None:
    """Start a new, empty form after a successful submission."""
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[key]
    st.session_state.pop(DONE, None)


done = st.session_state.get(DONE)
if done:
    st.success(ctx.t("submit_success", ref=done))
    st.code(done, language=None)
    st.caption(ctx.t("submit_success_next"))
    st.button(ctx.t("submit_another"), on_click=_reset, key="submit_another")
    st.stop()

errors: dict[str, list[str]] = st.session_state.get(ERRORS, {})
if errors:
    st.error(ctx.t("submit_fix", n=sum(len(v) for v in errors.values())))


def label(name: str) -> str:
    """A field's label, marked when it is required."""
    text = ctx.t(f"submit_field_{name}")
    return f"{text} *" if specs[name].required else text


def problems(name: str) -> None:
    """The messages for one field, right under it."""
    for message in errors.get(name, []):
        st.error(escape_markdown(message))  # messages quote what was typed


names = dict(country_options(ctx.lang))
objective_ids = list(range(1, 24))
principles = guiding_principles()
principle_names = dict(zip(principles["principle_id"], principles[f"name_{ctx.lang}"]))

with st.form("submit_form", clear_on_submit=False, enter_to_submit=False):
    st.subheader(ctx.t("submit_section_practice"))
    st.text_input(label("title"), key=f"{PREFIX}title", max_chars=specs["title"].max_chars)
    problems("title")
    st.text_area(label("summary"), key=f"{PREFIX}summary", max_chars=specs["summary"].max_chars, height=150)
    problems("summary")
    left, right = st.columns(2)
    with left:
        st.multiselect(label("countries"), list(names), key=f"{PREFIX}countries", format_func=names.get,
                       max_selections=specs["countries"].max_items, placeholder=ctx.t("submit_choose"))
        problems("countries")
        st.selectbox(ctx.t("submit_field_primary_objective") + " *", objective_ids, index=None,
                     key=f"{PREFIX}primary_objective", placeholder=ctx.t("submit_choose"),
                     format_func=lambda o: f"{o} · {ctx.objective_name(o)}")
        problems("objectives")
        st.multiselect(ctx.t("submit_field_other_objectives"), objective_ids, key=f"{PREFIX}other_objectives",
                       format_func=lambda o: f"{o} · {ctx.objective_name(o)}", placeholder=ctx.t("submit_optional"))
        st.multiselect(label("guiding_principles"), list(principle_names), key=f"{PREFIX}guiding_principles",
                       format_func=principle_names.get, placeholder=ctx.t("submit_optional"))
        problems("guiding_principles")
    with right:
        st.selectbox(label("level"), list(LEVELS), index=None, key=f"{PREFIX}level",
                     format_func=lambda v: ctx.t(f"practices_level_{v}"), placeholder=ctx.t("submit_level_auto"))
        problems("level")
        st.selectbox(label("practice_status"), list(PRACTICE_STATUSES), index=None, key=f"{PREFIX}practice_status",
                     format_func=lambda v: ctx.t(f"practices_status_{v}"), placeholder=ctx.t("submit_optional"))
        problems("practice_status")
        years = st.columns(2)
        with years[0]:
            st.number_input(label("year_start"), min_value=1900, max_value=2100, value=None, step=1,
                            key=f"{PREFIX}year_start", placeholder="2021")
            problems("year_start")
        with years[1]:
            st.number_input(label("year_end"), min_value=1900, max_value=2200, value=None, step=1,
                            key=f"{PREFIX}year_end", placeholder=ctx.t("submit_optional"))
            problems("year_end")
        st.selectbox(label("language"), list(LANGUAGES), index=list(LANGUAGES).index(ctx.lang),
                     key=f"{PREFIX}language", format_func=lambda v: ctx.t(f"practices_lang_{v}"))
        problems("language")

    st.subheader(ctx.t("submit_section_actors"))
    left, right = st.columns(2)
    with left:
        st.text_input(label("actor"), key=f"{PREFIX}actor", max_chars=specs["actor"].max_chars)
        problems("actor")
        st.selectbox(label("actor_type"), list(ACTOR_CLASSES), index=None, key=f"{PREFIX}actor_type",
                     format_func=lambda v: ctx.t(f"practices_actor_{v}"), placeholder=ctx.t("submit_choose"))
        problems("actor_type")
    with right:
        st.text_input(label("partners"), key=f"{PREFIX}partners", max_chars=specs["partners"].max_chars)
        problems("partners")
        st.text_input(label("target_group"), key=f"{PREFIX}target_group", max_chars=specs["target_group"].max_chars)
        problems("target_group")

    st.subheader(ctx.t("submit_section_results"))
    for name in ("results", "lessons", "replicability"):
        st.text_area(label(name), key=f"{PREFIX}{name}", max_chars=specs[name].max_chars, height=100)
        problems(name)
    st.text_area(label("links"), key=f"{PREFIX}links", height=80, help=ctx.t("submit_links_help"),
                 placeholder="https://…")
    problems("links")

    st.subheader(ctx.t("submit_section_contact"))
    st.caption(ctx.t("submit_contact_private"))
    left, right = st.columns(2)
    with left:
        st.text_input(label("submitter_name"), key=f"{PREFIX}submitter_name",
                      max_chars=specs["submitter_name"].max_chars)
        problems("submitter_name")
    with right:
        st.text_input(label("contact_email"), key=f"{PREFIX}contact_email",
                      max_chars=specs["contact_email"].max_chars)
        problems("contact_email")
    st.checkbox(ctx.t("submit_consent_box") + " *", key=f"{PREFIX}consent")
    problems("consent")
    sent = st.form_submit_button(ctx.t("submit_button"), type="primary")

if sent:
    values = {k[len(PREFIX):]: v for k, v in st.session_state.items() if str(k).startswith(PREFIX)}
    primary = values.pop("primary_objective", None)
    others = [o for o in values.pop("other_objectives", []) if o != primary]
    values["objectives"] = ([str(primary)] if primary else []) + [str(o) for o in others]
    values["links"] = str(values.get("links") or "").split()
    for year in ("year_start", "year_end"):
        values[year] = None if values.get(year) is None else str(int(values[year]))
    values["consent"] = bool(values.get("consent"))
    checked = check(values, require_consent=True)
    now = time.time()
    recent = [s for s in st.session_state.get(TIMES, []) if now - s < limits["window_minutes"] * 60]
    if not checked.ok:
        found: dict[str, list[str]] = {}
        for err in checked.errors:
            found.setdefault(err.field, []).append(err.message(ctx.lang))
        st.session_state[ERRORS] = found
        st.rerun()
    elif len(recent) >= limits["max_submissions"]:
        st.session_state.pop(ERRORS, None)
        wait = int((limits["window_minutes"] * 60 - (now - recent[0])) // 60) + 1
        st.error(ctx.t("submit_rate_limited", n=limits["max_submissions"], minutes=wait))
    else:
        store = Store()
        ref = reference_for()
        while not store.submit(ref, checked.record, origin="form"):
            ref = reference_for()  # that reference was just taken: draw another
        st.session_state[TIMES] = recent + [now]
        st.session_state.pop(ERRORS, None)
        st.session_state[DONE] = ref
        st.rerun()
