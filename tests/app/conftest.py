"""Helpers to drive the real entry point (dashboard.py) on one page through AppTest."""
from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from common.paths import ROOT


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


@pytest.fixture
def downloads(monkeypatch) -> dict:
    """file name -> the function Streamlit calls for the bytes when the download button is clicked."""
    made: dict = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return made


def downloaded(made: dict, stem: str, suffix: str = ".csv") -> bytes:
    """The bytes of the download named `stem`-<date>`suffix` (the CSV by default; ".xlsx" for Excel)."""
    names = [n for n in made if n and n.startswith(stem) and n.endswith(suffix)]
    assert names, f"no download named {stem}-*{suffix} in {list(made)}"
    return made[names[-1]]()
