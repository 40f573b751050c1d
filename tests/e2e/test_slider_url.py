"""Quick moves of the years slider never leave the address a step behind the view: after several moves
in a second, the page's address opened in a fresh browser page shows the same years and the same figures."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import wait_for_app

YEARS = re.compile(r"Years: (\d{4})(?:–(\d{4}))?\.")


def thumbs(page):
    return page.locator("[data-testid=stSidebar] [data-testid=stSlider] input[type=range]")


def view(page) -> dict:
    """What the reader sees: the slider's years, the years the page says it counts, and its headline."""
    ends = thumbs(page)
    scope = page.get_by_text(YEARS).first.inner_text()
    found = YEARS.search(scope)
    return {"slider": (int(ends.nth(0).input_value()), int(ends.nth(1).input_value())),
            "counted": (int(found.group(1)), int(found.group(2) or found.group(1))),
            "headline": page.locator("[data-testid=stMetricValue]").all_inner_texts()}


def settle(page) -> None:
    """Wait until no rerun is pending: the script is done and stays done for a while."""
    for _ in range(3):
        page.wait_for_timeout(1500)
        wait_for_app(page, timeout_ms=120_000)


@pytest.mark.parametrize("pause_ms", [0, 40, 120])
def test_quick_slider_moves_leave_an_address_that_reproduces_the_view(browser, page, server, pause_ms):
    page.goto(f"{server}/map?years=2014-2025")
    wait_for_app(page)
    start = view(page)
    assert start["slider"] == (2014, 2025)

    # End thumb four years back, start thumb three forward, each key a rerun that the next interrupts.
    thumbs(page).nth(1).focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(pause_ms)
    thumbs(page).nth(0).focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(pause_ms)
    settle(page)

    shown = view(page)
    assert shown["slider"] == (2017, 2021), "a move was lost or put back"
    assert shown["counted"] == shown["slider"]
    address = page.url
    assert parse_qs(urlparse(address).query)["years"] == ["2017-2021"]

    fresh = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    try:
        fresh.goto(address)
        wait_for_app(fresh)
        assert view(fresh) == shown
    finally:
        fresh.context.close()
