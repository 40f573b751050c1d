"""Review submissions: ingest a form export, then approve, request changes or reject, each with a note.

Only reviewers get past the sign-in (see practices.review_access). Submitted text is shown as plain text
in tables, never as Markdown or HTML, and submitters' contact details are never shown.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import streamlit as st

from common.errors import EtlError
from gcm.client import client_address
from gcm.ingest import ingest
from gcm.queries.practices import practice_store
from gcm.models.review import (headers, ingest_summary, lifecycle_decisions, review_model, state_name,
                               submission_detail)
from gcm.page import page_context
from gcm.safe import escape_markdown
from practices.record import settings
from practices.review_access import is_reviewer, review_access, token_matches
from practices.store import StoreUnavailable, TransitionError

REVIEWER = "_reviewer"
FAILURE_KIND = "review_failure"
FLASH = "_review_flash"

ctx = page_context([])
st.title(ctx.t("nav_review"))
rules = settings()["review"]


def sign_in() -> str:
    """The signed-in reviewer's name for the history; stops the page for anyone else."""
    secrets = st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}  # {} without a secrets file
    access = review_access(secrets, os.environ)
    if access.mode == "off":
        # The public sees no configuration (variable or secret names): that help is in docs/practices.md,
        # and a misconfiguration is reported in the server's log.
        if access.problem:
            print(f"review page: disabled, {access.problem} (see docs/practices.md)", file=sys.stderr)
        st.info(ctx.t("review_disabled"))
        st.stop()
    if access.mode == "login":
        if not st.user.is_logged_in:
            st.caption(ctx.t("review_login_intro"))
            st.button(ctx.t("review_log_in"), on_click=st.login, type="primary")
            st.stop()
        email = str(st.user.get("email") or "")
        if not is_reviewer(access, email, st.user.get("email_verified")):
            st.error(ctx.t("review_not_a_reviewer"))
            st.button(ctx.t("review_log_out"), on_click=st.logout)
            st.stop()
        st.sidebar.button(ctx.t("review_log_out"), on_click=st.logout)
        return email
    if st.session_state.get(REVIEWER):
        return st.session_state[REVIEWER]
    store = practice_store()
    address = f"address:{client_address()}"
    wait = locked_for(store, address)  # in the database: a new session or replica does not reset it
    if wait > 0:
        st.error(ctx.t("review_locked", minutes=int(wait // 60) + 1))
        st.stop()
    st.caption(ctx.t("review_token_intro"))
    with st.form("review_sign_in"):
        name = st.text_input(ctx.t("review_your_name"), max_chars=100)
        token = st.text_input(ctx.t("review_token"), type="password", max_chars=500)
        go = st.form_submit_button(ctx.t("review_sign_in"), type="primary")
    if go:
        account = f"account:{name.strip().casefold()}"
        if not name.strip():
            st.error(ctx.t("review_name_required"))
        elif locked_for(store, account) > 0:
            st.error(ctx.t("review_locked", minutes=int(locked_for(store, account) // 60) + 1))
        elif token_matches(access, token):
            st.session_state[REVIEWER] = f"{name.strip()} (token)"
            st.rerun()
        else:
            store.record_event(FAILURE_KIND, [address, account])
            if locked_for(store, address) > 0:
                st.rerun()  # the next run shows the lock, and no form
            st.error(ctx.t("review_wrong_token"))
    st.stop()


def locked_for(store, subject: str) -> float:
    """Seconds `subject` (an address or an account) must still wait after too many wrong tokens.

    After max_token_attempts failures within a day the wait is lockout_minutes from the last one,
    doubled for each failure beyond that, up to a day.
    """
    now = time.time()
    failures = store.count_events(FAILURE_KIND, subject, now - 86400)
    if failures < rules["max_token_attempts"]:
        return 0.0
    wait = min(86400.0, rules["lockout_minutes"] * 60 * 2 ** (failures - rules["max_token_attempts"]))
    return max(0.0, (store.last_event(FAILURE_KIND, subject) or 0) + wait - now)


reviewer = sign_in()
store = practice_store()
if st.session_state.get(REVIEWER):
    st.sidebar.button(ctx.t("review_sign_out"), on_click=lambda: st.session_state.pop(REVIEWER, None))
st.caption(ctx.t("review_signed_in_as", name=escape_markdown(reviewer)))
if flash := st.session_state.pop(FLASH, None):
    st.success(flash)


def table(frame, **config) -> None:
    """A table of plain text, headed in the reviewer's language."""
    st.dataframe(frame, hide_index=True, width="stretch", column_config=headers(frame, ctx.lang) | config)


def show_record(ref: str) -> int:
    """Every public field of a submission, as plain text in a table, then its history; the version shown."""
    detail = submission_detail(store, ref, ctx.lang)
    heads = headers(detail.record, ctx.lang)
    table(detail.record, field=st.column_config.TextColumn(heads["field"], width="small"),
          value=st.column_config.TextColumn(heads["value"], width="large"))
    st.caption(ctx.t("review_history"))
    table(detail.history)
    return detail.version


def act(ref: str, action: str, note: str, version: int, public_note: str | None = None) -> None:
    """Record a decision on the version the reviewer saw; tell them if another reviewer decided first."""
    try:
        if action == "approved":
            sub = store.approve(ref, reviewer, note, expected_version=version)
        else:
            sub = store.decide(ref, action, reviewer, note, public_note=public_note, expected_version=version)
    except TransitionError:  # ConcurrentDecision too: another reviewer was first, nothing was recorded
        st.session_state[FLASH] = ctx.t("review_already_decided", ref=ref)
        return
    except StoreUnavailable:
        st.session_state[FLASH] = ctx.t("review_store_unavailable")
        return
    st.session_state[FLASH] = ctx.t("review_done", ref=ref, state=state_name(sub.state, ctx.lang))


# --- Ingest a form export ------------------------------------------------------------------
with st.expander(ctx.t("review_ingest"), expanded=False):
    st.caption(ctx.t("review_ingest_help"))
    upload = st.file_uploader(ctx.t("review_ingest_file"), type=["csv", "xlsx", "json"], key="review_upload",
                              max_upload_size=int(settings()["ingest"]["max_upload_mb"]))
    if upload is not None and upload.size > int(settings()["ingest"]["max_upload_mb"]) * 1024 * 1024:
        # The browser checks this too, but a client can skip the browser: the server checks again.
        st.error(ctx.t("review_ingest_too_big", n=int(settings()["ingest"]["max_upload_mb"])))
    elif upload is not None and st.button(ctx.t("review_ingest_button"), key="review_ingest_go"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"upload{Path(upload.name).suffix.lower()}"
            path.write_bytes(upload.getvalue())
            try:
                result = ingest(path, store, name=Path(upload.name).name[:120])
            except EtlError as exc:
                st.error(ctx.t("review_ingest_failed", error=escape_markdown(exc.message)))
                result = None
            except StoreUnavailable:
                st.error(ctx.t("review_store_unavailable"))
                result = None
        if result is not None:
            summary = ingest_summary(result, ctx.lang)
            st.success(summary.message)
            if not summary.problems.empty:
                table(summary.problems)

model = review_model(store, ctx.lang)
if model.damaged:
    st.warning(ctx.t("review_damaged", n=len(model.damaged), refs=", ".join(model.damaged)))
for col, (name, count) in zip(st.columns(len(model.counts)), model.counts):
    col.metric(name, count)

# --- The queue -----------------------------------------------------------------------------
st.subheader(ctx.t("review_queue"))
if not model.queue:
    st.info(ctx.t("review_queue_empty"))
else:
    ref = st.selectbox(ctx.t("review_choose"), list(model.queue), key="review_pick", format_func=model.queue.get,
                       placeholder=ctx.t("choose_option"))
    shown = show_record(ref)
    note = st.text_area(ctx.t("review_note"), key=f"review_note_{ref}", max_chars=1000,
                        help=ctx.t("review_note_help"))
    for col, decision in zip(st.columns(len(model.decisions)), model.decisions):
        if col.button(decision.label, type="primary" if decision.primary else "secondary", key=decision.key):
            if decision.needs_note and not note.strip():
                st.error(ctx.t("review_note_required"))
            else:
                act(ref, decision.action, note, shown)
                st.rerun()

# --- Approved, waiting for publication (consent not recorded) -------------------------------
if model.to_publish:
    st.subheader(ctx.t("review_to_publish"))
    st.caption(ctx.t("review_to_publish_help"))
    ref = st.selectbox(ctx.t("review_choose"), list(model.to_publish), key="review_publish_pick",
                       format_func=model.to_publish.get, placeholder=ctx.t("choose_option"))
    shown = show_record(ref)
    confirm = st.checkbox(ctx.t("review_confirm_consent"), key=f"review_consent_{ref}")
    if st.button(ctx.t("review_publish"), disabled=not confirm, key="review_publish"):
        act(ref, "published", ctx.t("review_published_note"), shown)
        st.rerun()

# --- Published practices: unpublish, take down, publish again ---------------------------------
if model.live:
    st.subheader(ctx.t("review_lifecycle"))
    st.caption(ctx.t("review_lifecycle_help"))
    ref = st.selectbox(ctx.t("review_choose"), list(model.live), key="review_live_pick", format_func=model.live.get,
                       placeholder=ctx.t("choose_option"))
    shown = show_record(ref)
    reason = st.text_area(ctx.t("review_reason"), key=f"review_reason_{ref}", max_chars=1000)
    public_note = st.text_input(ctx.t("review_public_note"), key=f"review_public_{ref}", max_chars=300)
    detail_state = store.get(ref).state
    for col, decision in zip(st.columns(3), lifecycle_decisions(detail_state, ctx.lang)):
        if col.button(decision.label, type="primary" if decision.primary else "secondary", key=decision.key):
            if not reason.strip():
                st.error(ctx.t("review_reason_required"))
            else:
                act(ref, decision.action, reason, shown, public_note.strip())
                st.rerun()

# --- Every submission and the refused rows ---------------------------------------------------
for heading, frame, empty in ((ctx.t("review_all"), model.every, "review_none_yet"),
                              (ctx.t("review_quarantine", n=len(model.refused)), model.refused,
                               "review_quarantine_empty")):
    st.subheader(heading)
    if frame.empty:
        st.caption(ctx.t(empty))
    else:
        table(frame)
