"""Review submissions: ingest a form export, then approve, request changes or reject, each with a note.

Only reviewers get past the sign-in (see practices.review_access). Submitted text is shown as plain text
in tables, never as Markdown or HTML, and submitters' contact details are never shown.
"""
from __future__ import annotations

import streamlit as st

from gcm.models.review import headers, lifecycle_decisions, review_model, state_name, submission_detail
from gcm.page import page_context, section_heading
from gcm.queries.practices import practice_store
from gcm.review_ui import REVIEWER, ingest_panel, sign_in
from gcm.safe import escape_markdown
from gcm.tables import show_table
from practices.store import StoreUnavailable, TransitionError

FLASH = "_review_flash"

ctx = page_context([])
st.title(ctx.t("nav_review"))
reviewer = sign_in(ctx)
store = practice_store()
if st.session_state.get(REVIEWER):
    st.sidebar.button(ctx.t("review_sign_out"), on_click=lambda: st.session_state.pop(REVIEWER, None))
st.caption(ctx.t("review_signed_in_as", name=escape_markdown(reviewer)))
if flash := st.session_state.pop(FLASH, None):
    st.success(flash)


def table(frame, **config) -> None:
    """A table of plain text, headed in the reviewer's language."""
    show_table(frame, ctx, column_config=headers(frame, ctx.lang) | config)


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
    if (summary := ingest_panel(store, ctx)) is not None and not summary.problems.empty:
        table(summary.problems)

model = review_model(store, ctx.lang)
if model.damaged:
    st.warning(ctx.t("review_damaged", n=len(model.damaged), refs=", ".join(model.damaged)))
for col, (name, count) in zip(st.columns(len(model.counts)), model.counts):
    col.metric(name, count)

# --- The queue -----------------------------------------------------------------------------
section_heading(ctx.t("review_queue"), "review_queue")
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
    section_heading(ctx.t("review_to_publish"), "review_to_publish")
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
    section_heading(ctx.t("review_lifecycle"), "review_lifecycle")
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
for key, heading, frame, empty in (("review_all", ctx.t("review_all"), model.every, "review_none_yet"),
                                   ("review_refused", ctx.t("review_quarantine", n=len(model.refused)), model.refused,
                                    "review_quarantine_empty")):
    section_heading(heading, key)
    if frame.empty:
        st.caption(ctx.t(empty))
    else:
        table(frame)
