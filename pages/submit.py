"""Submit a practice: a form with a message under every field that needs fixing, and a reference number.

The submission is stored at once in the submissions store and waits for a reviewer; nothing is
published without review. Values stay in the form after an error, so nothing typed is lost.
"""
from __future__ import annotations

import time

import streamlit as st

from gcm.models.submit import submit_attempt, submit_form
from gcm.page import page_context
from gcm.safe import escape_markdown
from gcm.client import client_address
from gcm.queries.practices import practice_store
from practices.record import reference_for, settings
from practices.store import StoreUnavailable

ERRORS = "_submit_errors"
DONE = "_submit_done"
RATE_KIND = "submit"
LOOKUP_KIND = "lookup"
PREFIX = "sub_"

ctx = page_context([])
st.title(ctx.t("nav_submit"))
st.caption(ctx.t("submit_intro"))
form = submit_form(ctx.lang)
specs, labels = form.specs, form.labels


def _reset() -> None:
    """Start a new, empty form after a successful submission."""
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[key]
    st.session_state.pop(DONE, None)


def status_lookup() -> None:
    """A submitter's look-up of a reference: its state and the reviewer's public note, nothing else."""
    with st.expander(ctx.t("status_lookup")):
        with st.form("status_form", enter_to_submit=True, border=False):
            ref = st.text_input(ctx.t("status_ref"), key="status_ref", max_chars=20, placeholder="GCM-XXXX-XXXX")
            go = st.form_submit_button(ctx.t("status_check"))
        if not go:
            return
        store, address, now = practice_store(), client_address(), time.time()
        if store.count_events(LOOKUP_KIND, address, now - 60) >= settings()["rate_limit"]["lookups_per_minute"]:
            st.error(ctx.t("status_too_many"))
            return
        store.record_event(LOOKUP_KIND, [address], now)
        found = store.status(ref)
        if found is None:
            st.info(ctx.t("status_unknown"))
            return
        state, note = found
        st.info(ctx.t("status_result", ref=escape_markdown(ref.strip().upper()), state=ctx.t(f"review_state_{state}")))
        if note:
            st.text(note)  # the reviewer's public note: plain text


done = st.session_state.get(DONE)
if done:
    st.success(ctx.t("submit_success", ref=done))
    st.code(done, language=None)
    st.caption(ctx.t("submit_success_next"))
    st.button(ctx.t("submit_another"), on_click=_reset, key="submit_another")
    status_lookup()
    st.stop()
status_lookup()

errors: dict[str, list[str]] = st.session_state.get(ERRORS, {})
if errors:
    st.error(ctx.t("submit_fix", n=sum(1 for v in errors.values() if v)))  # fields, not messages


def problems(name: str) -> None:
    """The messages for one field, right under it."""
    for message in errors.get(name, []):
        st.error(escape_markdown(message))  # messages quote what was typed


def text_input(name: str) -> None:
    st.text_input(labels[name], key=f"{PREFIX}{name}", max_chars=specs[name].max_chars)
    problems(name)


def choice(name: str, options: dict, placeholder: str, problem: str | None = None, **kwargs) -> None:
    """A single choice, shown by its label; the field's messages under it."""
    st.selectbox(labels[name], list(options), key=f"{PREFIX}{name}", format_func=options.get,
                 placeholder=placeholder, **({"index": None} | kwargs))
    problems(problem or name)


with st.form("submit_form", clear_on_submit=False, enter_to_submit=False):
    st.subheader(ctx.t("submit_section_practice"))
    text_input("title")
    st.text_area(labels["summary"], key=f"{PREFIX}summary", max_chars=specs["summary"].max_chars, height=150)
    problems("summary")
    left, right = st.columns(2)
    with left:
        st.multiselect(labels["countries"], list(form.countries), key=f"{PREFIX}countries",
                       format_func=form.countries.get, max_selections=specs["countries"].max_items,
                       placeholder=ctx.t("submit_choose"))
        problems("countries")
        choice("primary_objective", form.objectives, ctx.t("submit_choose"), problem="objectives")
        st.multiselect(labels["other_objectives"], list(form.objectives), key=f"{PREFIX}other_objectives",
                       format_func=form.objectives.get, placeholder=ctx.t("submit_optional"))
        st.multiselect(labels["guiding_principles"], list(form.principles), key=f"{PREFIX}guiding_principles",
                       format_func=form.principles.get, placeholder=ctx.t("submit_optional"))
        problems("guiding_principles")
    with right:
        choice("level", form.levels, ctx.t("submit_level_auto"))
        choice("practice_status", form.statuses, ctx.t("submit_optional"))
        years = st.columns(2)
        with years[0]:
            st.number_input(labels["year_start"], min_value=1900, max_value=2100, value=None, step=1,
                            key=f"{PREFIX}year_start", placeholder="2021")
            problems("year_start")
        with years[1]:
            st.number_input(labels["year_end"], min_value=1900, max_value=2200, value=None, step=1,
                            key=f"{PREFIX}year_end", placeholder=ctx.t("submit_optional"))
            problems("year_end")
        choice("language", form.languages, ctx.t("submit_choose"), index=list(form.languages).index(form.language))

    st.subheader(ctx.t("submit_section_actors"))
    left, right = st.columns(2)
    with left:
        text_input("actor")
        choice("actor_type", form.actor_types, ctx.t("submit_choose"))
    with right:
        text_input("partners")
        text_input("target_group")

    st.subheader(ctx.t("submit_section_results"))
    for name in ("results", "lessons", "replicability"):
        st.text_area(labels[name], key=f"{PREFIX}{name}", max_chars=specs[name].max_chars, height=100)
        problems(name)
    st.text_area(labels["links"], key=f"{PREFIX}links", height=80, help=ctx.t("submit_links_help"),
                 placeholder="https://…")
    problems("links")

    st.subheader(ctx.t("submit_section_contact"))
    st.caption(ctx.t("submit_contact_private"))
    left, right = st.columns(2)
    with left:
        text_input("submitter_name")
    with right:
        text_input("contact_email")
    st.checkbox(labels["consent"], key=f"{PREFIX}consent")
    problems("consent")
    sent = st.form_submit_button(ctx.t("submit_button"), type="primary")

if sent:
    now = time.time()
    store = practice_store()
    address = client_address()
    limits = settings()["rate_limit"]
    # Counted in the database per client address, so a new session or another replica does not reset it.
    times = store.event_times(RATE_KIND, address, now - limits["window_minutes"] * 60)
    attempt = submit_attempt({k[len(PREFIX):]: v for k, v in st.session_state.items() if str(k).startswith(PREFIX)},
                             ctx.lang, times, now)
    if attempt.errors:
        st.session_state[ERRORS] = attempt.errors
        st.rerun()
    elif attempt.limited:
        st.session_state.pop(ERRORS, None)
        st.error(attempt.limited)
    elif store.count_events(RATE_KIND, "*", now - 60) >= limits["global_per_minute"]:
        st.session_state.pop(ERRORS, None)
        st.error(ctx.t("submit_busy"))
    else:
        try:
            ref = reference_for()
            while not store.submit(ref, attempt.record, origin="form"):
                ref = reference_for()  # that reference was just taken: draw another
            store.record_event(RATE_KIND, [address], now)
        except StoreUnavailable:
            st.error(ctx.t("review_store_unavailable"))
            st.stop()
        st.session_state.pop(ERRORS, None)
        st.session_state[DONE] = ref
        st.rerun()
