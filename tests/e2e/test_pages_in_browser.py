"""Every page in headless Chromium, as a person would open it: no error, no request off the machine.

Screenshots land in tests/e2e/screenshots/ to be looked at.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest

from common.paths import ROOT
from tests.e2e.conftest import free_port, screenshot, wait_for_app

PAGES = [
    ("scorecard", "", "Regional scorecard"),
    ("objective-10", "objective?objective=10", "Objective 10"),
    ("map-central-america-2022", "map?countries=BLZ,CRI,SLV,GTM,HND,MEX,NIC,PAN&years=2022-2022", "Regional map"),
    ("compare-col-per", "compare?countries=COL,PER&indicator=glotip_victims_rate", "Compare"),
    ("country-col", "country?country=COL", "Colombia"),
    ("practices", "practices?objective=21", "Practices"),
    ("data", "data?indicator=glotip_victims_rate&countries=COL,PER", "Data"),
    ("methodology", "methodology", "Methodology"),
    ("sources", "sources", "data in the warehouse"),
    ("objective-10-es", "objective?objective=10&lang=es", "Objetivo 10"),
    ("submit-es", "submit?lang=es", "Enviar una práctica"),
    ("review-sign-in", "review", "Reviewer token"),
]


@pytest.mark.parametrize("name,path,expected", PAGES, ids=[p[0] for p in PAGES])
def test_page_loads_cleanly(page, server, name, path, expected):
    page.goto(f"{server}/{path}")
    wait_for_app(page)
    # A form's widgets can arrive a moment after the script reports done on a loaded machine: wait for
    # the text itself (a page that never shows it still fails here).
    page.get_by_text(re.compile(re.escape(expected))).first.wait_for(timeout=30_000)  # case-sensitive
    body = page.inner_text("body")
    assert expected in body
    assert page.locator("[data-testid=stException]").count() == 0
    assert "Traceback" not in body
    assert page.errors == []
    assert page.foreign_requests == [], page.foreign_requests
    assert screenshot(page, name).stat().st_size > 10_000


@pytest.mark.parametrize("path,heading", [("compare?countries=COL,PER", "Compare"),
                                          ("sources", "GCM Dashboard: data in the warehouse")])
def test_a_shared_link_opened_first_on_a_fresh_server_uses_the_app_navigation(browser, built_db, path, heading):
    """Streamlit's old multipage mode would run pages/compare.py alone on a server's first request,
    and, before the app's navigation is known, says "Page not found" for a link whose path is not
    the name of a file under pages/ (it was so for /sources, the page file being overview.py)."""
    port = free_port()
    env = dict(os.environ, GCM_DB_PATH=str(built_db))
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        p = context.new_page()
        p.goto(f"{url}/{path}")
        wait_for_app(p)
        nav = p.inner_text("[data-testid=stSidebarNav]")
        assert "Regional scorecard" in nav and "Sources & data quality" in nav
        assert "methodology" not in nav  # a file name: the old mode's navigation
        assert p.inner_text("h1") == heading
        assert "Page not found" not in p.inner_text("body")
        context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_three_languages_sit_on_one_row_of_the_sidebar(page, server, lang):
    """At 1280 px "Português" wrapped to a second row under "English" and "Español"."""
    page.goto(f"{server}/?lang={lang}")
    wait_for_app(page)
    buttons = page.locator(".st-key-w_lang button")
    assert buttons.count() == 3
    assert len({round(buttons.nth(i).bounding_box()["y"]) for i in range(3)}) == 1
