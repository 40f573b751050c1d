"""Helpers to drive the real entry point (dashboard.py) on one page through AppTest."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from gcm.paths import ROOT


def open_page(page: str | None = None, **params: str) -> AppTest:
    """Run dashboard.py, then open pages/<page>.py with the given URL query parameters.

    The entry script runs first (as in a browser); AppTest.switch_page on a fresh AppTest would
    run the page file alone, skipping the router and the warehouse check.
    """
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    if page is None:
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()
    at.run()
    at.query_params.clear()
    for key, value in params.items():
        at.query_params[key] = value
    # A new URL, as when a link is opened: the filters re-read it.
    at.session_state["_url_written"] = None
    at.switch_page(f"pages/{page}.py")
    return at.run()
