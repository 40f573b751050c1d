"""The submit page's two guarded steps: a submitter's status look-up, and sending the form.

Kept out of pages/submit.py so the page reads as its form; the rules these apply (validation, rate
limits, references) are in gcm.models.submit and the practices package.
"""
from __future__ import annotations

import time
from typing import Mapping

import streamlit as st

from gcm.client import client_address
from gcm.models.submit import submit_attempt
from gcm.page import PageContext
from gcm.queries.practices import practice_store
from gcm.safe import escape_markdown
from practices.record import reference_for, settings
from practices.store import StoreUnavailable

ERRORS = "_submit_errors"  # session key: field -> messages of the last attempt
DONE = "_submit_done"      # session key: the reference of the submission just stored
RATE_KIND = "submit"
LOOKUP_KIND = "lookup"


def status_lookup(ctx: PageContext) -> None:
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


def send(ctx: PageContext, values: Mapping[str, object]) -> None:
    """Validate and store the form's `values` (field -> value). Errors go to the session for the form to
    show under their fields; a stored submission's reference goes to the session for the thank-you."""
    now = time.time()
    store = practice_store()
    address = client_address()
    limits = settings()["rate_limit"]
    # Counted in the database per client address, so a new session or another replica does not reset it.
    times = store.event_times(RATE_KIND, address, now - limits["window_minutes"] * 60)
    attempt = submit_attempt(values, ctx.lang, times, now)
    if attempt.errors:
        st.session_state[ERRORS] = attempt.errors
        st.rerun()
    st.session_state.pop(ERRORS, None)
    if attempt.limited:
        st.error(attempt.limited)
        return
    if store.count_events(RATE_KIND, "*", now - 60) >= limits["global_per_minute"]:
        st.error(ctx.t("submit_busy"))
        return
    try:
        ref = reference_for()
        while not store.submit(ref, attempt.record, origin="form"):
            ref = reference_for()  # that reference was just taken: draw another
        store.record_event(RATE_KIND, [address], now)
    except StoreUnavailable:
        st.error(ctx.t("review_store_unavailable"))
        st.stop()
    st.session_state[DONE] = ref
    st.rerun()
