"""Who is asking: the client's address, for limits that hold across sessions and replicas."""
from __future__ import annotations

import os

import streamlit as st


def client_address() -> str:
    """The visitor's IP address; behind a proxy (GCM_TRUSTED_PROXIES=n), the one the n-th proxy from us saw.

    X-Forwarded-For is a list anyone can start: only the entries our own proxies appended are
    trusted, counted from the right.
    """
    hops = int(os.environ.get("GCM_TRUSTED_PROXIES", "0") or 0)
    if hops > 0:
        forwarded = [p.strip() for p in str(st.context.headers.get("X-Forwarded-For") or "").split(",") if p.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops][:100]
    address = st.context.ip_address  # None (or, in AppTest, not a string) when unknown
    return address[:100] if isinstance(address, str) and address else "unknown"
