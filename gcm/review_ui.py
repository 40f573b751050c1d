"""The review page's two guarded steps: who gets in, and ingesting a form export.

Kept out of pages/review.py so the page reads as its storyboard (queue, publication, lifecycle);
the rules these apply are in practices.review_access and practices.ingest.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import streamlit as st

from common.errors import EtlError
from gcm.client import client_address
from gcm.ingest import ingest
from gcm.models.review import IngestSummary, ingest_summary
from gcm.page import PageContext
from gcm.queries.practices import practice_store
from gcm.safe import escape_markdown
from practices.record import settings
from practices.review_access import FAILURE_KIND, is_reviewer, locked_for, review_access, token_matches
from practices.store import StoreUnavailable

REVIEWER = "_reviewer"  # session key: the name a token reviewer signed in with


def _locked_message(ctx: PageContext, seconds: float) -> str:
    return ctx.t("review_locked", minutes=int(seconds // 60) + 1)


def sign_in(ctx: PageContext) -> str:
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
    if (wait := locked_for(store, address)) > 0:
        st.error(_locked_message(ctx, wait))
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
        elif (wait := locked_for(store, account)) > 0:
            st.error(_locked_message(ctx, wait))
        elif token_matches(access, token):
            st.session_state[REVIEWER] = f"{name.strip()} (token)"
            st.rerun()
        else:
            store.record_event(FAILURE_KIND, [address, account])
            if locked_for(store, address) > 0:
                st.rerun()  # the next run shows the lock, and no form
            st.error(ctx.t("review_wrong_token"))
    st.stop()


def ingest_panel(store, ctx: PageContext) -> IngestSummary | None:
    """Upload a form export and ingest it on request; the summary of what went in and what was refused.

    The size limit is server.maxUploadSize (= ingest.max_upload_mb): Streamlit's upload route refuses a
    larger file with 413 whatever the client (tests/e2e/test_server_guard.py), not only in the browser.
    """
    st.caption(ctx.t("review_ingest_help"))
    upload = st.file_uploader(ctx.t("review_ingest_file"), type=["csv", "xlsx", "json"], key="review_upload",
                              max_upload_size=int(settings()["ingest"]["max_upload_mb"]))
    if upload is None or not st.button(ctx.t("review_ingest_button"), key="review_ingest_go"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{Path(upload.name).suffix.lower()}"
        path.write_bytes(upload.getvalue())
        try:
            result = ingest(path, store, name=Path(upload.name).name[:120])
        except EtlError as exc:
            st.error(ctx.t("review_ingest_failed", error=escape_markdown(exc.message)))
            return None
        except StoreUnavailable:
            st.error(ctx.t("review_store_unavailable"))
            return None
    summary = ingest_summary(result, ctx.lang)
    st.success(summary.message)
    return summary
