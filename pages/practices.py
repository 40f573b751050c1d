"""Placeholder for the practices page (being built)."""
from __future__ import annotations

import streamlit as st

from gcm.page import page_context

ctx = page_context(["countries", "objective"])
st.title(ctx.t("nav_practices"))
