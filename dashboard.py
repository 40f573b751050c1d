"""GCM Dashboard entry point: page config, then the page router.

The warehouse is built by `python -m etl build` (which `python3 tasks.py run` runs first), never
in a page rerun: the app does not import the ETL. A missing one shows how to build it."""
from __future__ import annotations

import streamlit as st

from gcm.filters import current_lang
from gcm.i18n import t
from gcm.db import WarehouseUnavailable
from gcm.guard import guard_server
from gcm.page import PAGE_ICON, ROUTER_FLAG, show_unavailable

guard_server()
lang = current_lang()
# The browser tab's title is on the screen a presenter shares: in the page's language.
st.set_page_config(page_title=t("app_page_title", lang), page_icon=PAGE_ICON, layout="wide")
st.session_state[ROUTER_FLAG] = True
pages = {
    t("nav_section_explore", lang): [
        st.Page("pages/scorecard.py", title=t("nav_scorecard", lang), icon=":material/table_chart:", default=True),
        st.Page("pages/objective.py", title=t("nav_objective", lang), icon=":material/flag:", url_path="objective"),
        st.Page("pages/map.py", title=t("nav_map", lang), icon=":material/map:", url_path="map"),
        st.Page("pages/compare.py", title=t("nav_compare", lang), icon=":material/compare_arrows:", url_path="compare"),
        st.Page("pages/country.py", title=t("nav_country", lang), icon=":material/location_on:", url_path="country"),
        st.Page("pages/practices.py", title=t("nav_practices", lang), icon=":material/lightbulb:", url_path="practices"),
        st.Page("pages/submit.py", title=t("nav_submit", lang), icon=":material/add_circle:", url_path="submit"),
        st.Page("pages/storyboard.py", title=t("nav_storyboard", lang), icon=":material/slideshow:", url_path="storyboard"),
    ],
    t("nav_section_about", lang): [
        st.Page("pages/data.py", title=t("nav_data", lang), icon=":material/download:", url_path="data"),
        st.Page("pages/methodology.py", title=t("nav_methodology", lang), icon=":material/functions:", url_path="methodology"),
        st.Page("pages/sources.py", title=t("nav_sources", lang), icon=":material/database:", url_path="sources"),
        st.Page("pages/review.py", title=t("nav_review", lang), icon=":material/fact_check:", url_path="review"),
    ],
}
try:
    st.navigation(pages).run()
except WarehouseUnavailable as exc:
    # A rebuild gone wrong or a damaged file can show in any query, not only the first one.
    show_unavailable(exc, lang)
