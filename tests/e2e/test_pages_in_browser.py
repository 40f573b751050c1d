"""Load the dashboard in headless Chromium as a person would, and keep screenshots to look at."""
from __future__ import annotations

from tests.e2e.conftest import screenshot, wait_for_app


def test_overview_page_in_chromium(page, server):
    page.goto(server + "/")
    wait_for_app(page)
    body = page.inner_text("body")
    assert "data in the warehouse" in body
    assert "Sources and licences" in body and "Quarantine" in body
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.errors == []
    assert page.foreign_requests == [], page.foreign_requests
    assert screenshot(page, "overview").stat().st_size > 10_000
