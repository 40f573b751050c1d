"""Placeholder for the compare page (being built)."""
from __future__ import annotations

import streamlit as st

from gcm.page import page_context

ctx = page_context(["countries", "indicator", "years"])
st.title(ctx.t("nav_compare"))
