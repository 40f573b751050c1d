"""Who is asking: the client's address, for limits that hold across sessions and replicas."""
from __future__ import annotations

import os
from typing import Mapping

import streamlit as st


def address_from(headers: Mapping[str, str], peer: object, trusted_proxies: int) -> str:
    """The client's address: the peer's, or behind `trusted_proxies` proxies the one the outermost of them saw.

    X-Forwarded-For is a list anyone can start: only the entries our own proxies appended are
    trusted, counted from the right. A header shorter than that is not ours: the peer is used.
    """
    if trusted_proxies > 0:
        forwarded = [p.strip() for p in str(headers.get("X-Forwarded-For") or "").split(",") if p.strip()]
        if len(forwarded) >= trusted_proxies:
            return forwarded[-trusted_proxies][:100]
    return peer[:100] if isinstance(peer, str) and peer else "unknown"  # AppTest's peer is not a string


def client_address() -> str:
    """This session's client address (GCM_TRUSTED_PROXIES: how many proxies stand in front of the app)."""
    return address_from(st.context.headers, st.context.ip_address, int(os.environ.get("GCM_TRUSTED_PROXIES") or 0))
