"""Review submissions: ingest a form export, then approve, request changes or reject, each with a note.

Only reviewers get past the sign-in (see gcm.review_access). Submitted text is shown as plain text
in tables, never as Markdown or HTML, and submitters' contact details are never shown.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from common.errors import EtlError
from gcm.ingest import ingest
from gcm.page import page_context
from gcm.safe import escape_markdown
from practices.record import PRIVATE_FIELDS, country_options, field_specs, guiding_principles, settings
from practices.review_access import is_reviewer, review_access, token_matches
from practices.store import PENDING, STATES, Store, TransitionError

REVIEWER = "_reviewer"
FAILS = "_review_fails"
FLASH = "_review_flash"

ctx = page_context([])
st.title(ctx.t("nav_review"))
rules = settings()["review"]


def _secrets() -> dict:
    """Streamlit's secrets as a dict, or {} when there is no secrets file."""
    return st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}


def sign_in() -> str:
    """The signed-in reviewer's name for the history; stops the page for anyone else."""
    access = review_access(_secrets(), os.environ)
    if access.mode == "off":
        st.info(ctx.t("review_disabled"))
        if access.problem:
            st.warning(ctx.t(f"review_problem_{access.problem}", n=rules["min_token_chars"]))
        st.stop()
    if access.mode == "login":
        if not st.user.is_logged_in:
            st.caption(ctx.t("review_login_intro"))
            st.button(ctx.t("review_log_in"), on_click=st.login, type="primary")
            st.stop()
        email = str(st.user.get("email") or "")
        if not is_reviewer(access, email):
            st.error(ctx.t("review_not_a_reviewer"))
            st.button(ctx.t("review_log_out"), on_click=st.logout)
            st.stop()
        st.sidebar.button(ctx.t("review_log_out"), on_click=st.logout)
        return email
    if st.session_state.get(REVIEWER):
        return st.session_state[REVIEWER]
    fails = [f for f in st.session_state.get(FAILS, []) if time.time() - f < rules["lockout_minutes"] * 60]
    if len(fails) >= rules["max_token_attempts"]:
        st.error(ctx.t("review_locked", minutes=rules["lockout_minutes"]))
        st.stop()
    st.caption(ctx.t("review_token_intro"))
    with st.form("review_sign_in"):
        name = st.text_input(ctx.t("review_your_name"), max_chars=100)
        token = st.text_input(ctx.t("review_token"), type="password", max_chars=500)
        go = st.form_submit_button(ctx.t("review_sign_in"), type="primary")
    if go:
        if not name.strip():
            st.error(ctx.t("review_name_required"))
        elif token_matches(access, token):
            st.session_state[REVIEWER] = f"{name.strip()} (token)"
            st.session_state.pop(FAILS, None)
            st.rerun()
        else:
            st.session_state[FAILS] = fails + [time.time()]
            if len(fails) + 1 >= rules["max_token_attempts"]:
                st.rerun()  # the next run shows the lock, and no form
            st.error(ctx.t("review_wrong_token"))
    st.stop()


reviewer = sign_in()
store = Store()


def sign_out() -> None:
    st.session_state.pop(REVIEWER, None)


if st.session_state.get(REVIEWER):
    st.sidebar.button(ctx.t("review_sign_out"), on_click=sign_out)
st.caption(ctx.t("review_signed_in_as", name=escape_markdown(reviewer)))
flash = st.session_state.pop(FLASH, None)
if flash:
    st.success(flash)


def state_name(state: str) -> str:
    return ctx.t(f"review_state_{state}")


def show_record(sub) -> None:
    """Every public field of a submission, as plain text in a table."""
    rec = sub.record
    names = dict(country_options(ctx.lang))
    principles = guiding_principles().set_index("principle_id")[f"name_{ctx.lang}"]
    # Choices are stored as keys; show them as the form does, in the reviewer's language.
    labels = {"actor_type": "practices_actor_", "level": "practices_level_", "practice_status": "practices_status_",
              "language": "practices_lang_"}
    rows = []
    for name in field_specs():
        value = rec.get(name)
        if name in PRIVATE_FIELDS or (value in (None, "", []) and name != "consent"):
            continue
        if name == "countries":
            value = ", ".join(names.get(c, c) for c in value)
        elif name == "objectives":
            value = "; ".join(f"{o} · {ctx.objective_name(o)}" for o in value)
        elif name == "guiding_principles":
            value = "; ".join(str(principles.get(g, g)) for g in value)
        elif name == "consent":
            value = ctx.t("review_consent_yes") if value else ctx.t("review_consent_unknown")
        elif name in labels:
            value = ctx.t(f"{labels[name]}{value}")
        elif isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        rows.append({"field": ctx.t(f"submit_field_{name}"), "value": str(value)})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                 column_config={"field": st.column_config.TextColumn(ctx.t("review_col_field"), width="small"),
                                "value": st.column_config.TextColumn(ctx.t("review_col_value"), width="large")})
    history = pd.DataFrame([{"state": state_name(h["state"]), "by": h["by"], "at": h["at"][:19].replace("T", " "),
                             "note": h["note"]} for h in sub.history])
    st.caption(ctx.t("review_history"))
    st.dataframe(history, hide_index=True, width="stretch",
                 column_config={"state": ctx.t("review_col_state"), "by": ctx.t("review_col_by"),
                                "at": ctx.t("review_col_at"), "note": ctx.t("review_col_note")})


def act(ref: str, action: str, note: str) -> None:
    """Record a decision; tell the reviewer if another reviewer decided first."""
    try:
        if action == "approved":
            sub = store.approve(ref, reviewer, note)
        else:
            sub = store.decide(ref, action, reviewer, note)
    except TransitionError:
        st.session_state[FLASH] = ctx.t("review_already_decided", ref=ref)
        return
    st.session_state[FLASH] = ctx.t("review_done", ref=ref, state=state_name(sub.state))


# --- Ingest a form export ------------------------------------------------------------------
with st.expander(ctx.t("review_ingest"), expanded=False):
    st.caption(ctx.t("review_ingest_help"))
    upload = st.file_uploader(ctx.t("review_ingest_file"), type=["csv", "xlsx", "json"], key="review_upload",
                              max_upload_size=int(settings()["ingest"]["max_upload_mb"]))
    if upload is not None and st.button(ctx.t("review_ingest_button"), key="review_ingest_go"):
        suffix = Path(upload.name).suffix.lower()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"upload{suffix}"
            path.write_bytes(upload.getvalue())
            try:
                result = ingest(path, store, name=Path(upload.name).name[:120])
            except EtlError as exc:
                st.error(ctx.t("review_ingest_failed", error=escape_markdown(exc.message)))
                result = None
        if result is not None:
            st.success(ctx.t("review_ingest_result", submitted=len(result.submitted),
                             quarantined=len(result.quarantined), duplicates=len(result.duplicates)))
            problems = [{"line": line, "problem": "; ".join(reasons)} for line, reasons in result.quarantined]
            problems += [{"line": line, "problem": what} for line, what in result.duplicates]
            if problems:
                st.dataframe(pd.DataFrame(problems), hide_index=True, width="stretch",
                             column_config={"line": ctx.t("review_col_line"), "problem": ctx.t("review_col_problem")})

subs = store.submissions()
counts = {s: sum(sub.state == s for sub in subs) for s in STATES}
heads = st.columns(len(STATES))
for col, state in zip(heads, STATES):
    col.metric(state_name(state), counts[state])

# --- The queue -----------------------------------------------------------------------------
st.subheader(ctx.t("review_queue"))
pending = [s for s in subs if s.state in PENDING]
if not pending:
    st.info(ctx.t("review_queue_empty"))
else:
    by_ref = {s.ref: s for s in pending}
    ref = st.selectbox(ctx.t("review_choose"), list(by_ref), key="review_pick",
                       format_func=lambda r: f"{r} · {state_name(by_ref[r].state)} · {str(by_ref[r].record.get('title'))[:80]}")
    sub = by_ref[ref]
    show_record(sub)
    note = st.text_area(ctx.t("review_note"), key=f"review_note_{ref}", max_chars=1000,
                        help=ctx.t("review_note_help"))
    buttons = st.columns(3)
    if buttons[0].button(ctx.t("review_approve"), type="primary", key="review_approve"):
        act(ref, "approved", note)
        st.rerun()
    if buttons[1].button(ctx.t("review_request_changes"), key="review_changes"):
        if note.strip():
            act(ref, "changes_requested", note)
            st.rerun()
        st.error(ctx.t("review_note_required"))
    if buttons[2].button(ctx.t("review_reject"), key="review_reject"):
        if note.strip():
            act(ref, "rejected", note)
            st.rerun()
        st.error(ctx.t("review_note_required"))

# --- Approved, waiting for publication (consent not recorded) -------------------------------
approved = [s for s in subs if s.state == "approved"]
if approved:
    st.subheader(ctx.t("review_to_publish"))
    st.caption(ctx.t("review_to_publish_help"))
    by_ref = {s.ref: s for s in approved}
    ref = st.selectbox(ctx.t("review_choose"), list(by_ref), key="review_publish_pick",
                       format_func=lambda r: f"{r} · {str(by_ref[r].record.get('title'))[:80]}")
    show_record(by_ref[ref])
    confirm = st.checkbox(ctx.t("review_confirm_consent"), key=f"review_consent_{ref}")
    if st.button(ctx.t("review_publish"), disabled=not confirm, key="review_publish"):
        act(ref, "published", ctx.t("review_published_note"))
        st.rerun()

# --- Every submission and the refused rows ---------------------------------------------------
st.subheader(ctx.t("review_all"))
if subs:
    st.dataframe(pd.DataFrame([{
        "ref": s.ref, "title": str(s.record.get("title")), "state": state_name(s.state),
        "submitted": s.submitted_at[:19].replace("T", " "), "origin": s.origin,
    } for s in reversed(subs)]), hide_index=True, width="stretch",
        column_config={"ref": ctx.t("review_col_ref"), "title": ctx.t("practices_col_title"),
                       "state": ctx.t("review_col_state"), "submitted": ctx.t("review_col_submitted"),
                       "origin": ctx.t("review_col_origin")})
else:
    st.caption(ctx.t("review_none_yet"))

refused = store.quarantined()
st.subheader(ctx.t("review_quarantine", n=len(refused)))
if refused:
    st.dataframe(pd.DataFrame([{
        "file": r.get("file"), "line": r.get("line"), "problem": "; ".join(r.get("reasons") or []),
        "values": " | ".join(f"{k}={v}" for k, v in (r.get("raw") or {}).items() if v),
    } for r in reversed(refused)]), hide_index=True, width="stretch",
        column_config={"file": ctx.t("review_col_file"), "line": ctx.t("review_col_line"),
                       "problem": ctx.t("review_col_problem"), "values": ctx.t("review_col_values")})
else:
    st.caption(ctx.t("review_quarantine_empty"))
