"""GCM Dashboard entry point: page config, warehouse check, then the page router."""
from __future__ import annotations

import streamlit as st

from gcm import db
from gcm.paths import db_path

st.set_page_config(page_title="GCM Dashboard · LAC", page_icon="🧭", layout="wide")


def ensure_warehouse() -> bool:
    """Build the warehouse from the embedded default if it is missing; explain any failure."""
    if db_path().is_file():
        return True
    from etl.build import build
    from etl.ledger import EtlError

    with st.spinner("Building the data warehouse from the embedded data (first start only)…"):
        try:
            build(db_path())
        except EtlError as exc:
            st.error(f"The warehouse could not be built: {exc}")
            return False
    return True


if ensure_warehouse():
    pages = [st.Page("pages/overview.py", title="Data in the warehouse", icon="🗄️", default=True)]
    st.navigation(pages).run()
