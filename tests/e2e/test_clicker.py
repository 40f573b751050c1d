"""A presenter's clicker and keyboard on a storyboard, and what presenter mode shows, in headless Chromium.

Issue 19, item 1: a presenter opens a prepared Spanish link and steps through objective 10's
storyboard with PageDown (a clicker) without touching the mouse; the address bar follows each step.
"""
from __future__ import annotations

import pytest

from gcm.present import load_storyboards
from tests.e2e.conftest import screenshot, wait_for_app

TOTAL = len(load_storyboards()[10])
LINK = "/storyboard?objective=10&lang=es&present=1"


def step_shown(page) -> tuple[int, str]:
    """The step the page says it shows ('Paso 3 de 6') and its heading."""
    line = next(x for x in page.inner_text("[data-testid=stMainBlockContainer]").splitlines() if " · Paso " in x)
    return int(line.rsplit(" · Paso ", 1)[1].split(" de ")[0]), page.inner_text("h1").strip()


def press(page, key: str, expect: int) -> None:
    """Press `key` and wait until the page shows step `expect`."""
    page.keyboard.press(key)
    page.wait_for_function(f"() => document.body.innerText.includes('Paso {expect} de {TOTAL}')", timeout=60_000)
    wait_for_app(page)


@pytest.fixture(scope="module")
def headings(browser, server):
    """Each step's heading as its own link shows it."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    found = {}
    for step in range(1, TOTAL + 1):
        page.goto(f"{server}{LINK}&step={step}")
        wait_for_app(page)
        found[step] = step_shown(page)[1]
    context.close()
    assert len(set(found.values())) == TOTAL  # every step has its own heading
    return found


def test_a_clicker_steps_through_the_storyboard(page, server, headings):
    """PageDown to the end and PageUp back, the arrows, Space, n and p: one step per key, the heading
    of that step, and its link in the address bar (still in Spanish and in presenter mode)."""
    page.goto(f"{server}{LINK}")
    wait_for_app(page)
    keys = ([("PageDown", n) for n in range(2, TOTAL + 1)] + [("PageDown", TOTAL), ("ArrowLeft", TOTAL - 1),
            ("PageUp", TOTAL - 2), ("ArrowUp", TOTAL - 3), ("Space", TOTAL - 2), ("p", TOTAL - 3),
            ("n", TOTAL - 2), ("ArrowRight", TOTAL - 1), ("ArrowDown", TOTAL)]
            + [("ArrowLeft", n) for n in range(TOTAL - 1, 0, -1)] + [("PageUp", 1)])
    current = 1
    for key, expect in keys:
        if expect == current:  # at either end the key does nothing
            page.keyboard.press(key)
            page.wait_for_timeout(1500)
            wait_for_app(page)
        else:
            press(page, key, expect)
        current = expect
        assert step_shown(page) == (expect, headings[expect]), key
        assert f"step={expect}" in page.url and "present=1" in page.url and "lang=es" in page.url, (key, page.url)
    assert page.locator("[data-testid=stSidebar]").is_visible() is False
    assert page.errors == []


def test_keys_typed_into_a_field_do_not_step(page, server):
    """Outside presenter mode the sidebar's fields take their own keys; the page's keys still work."""
    page.goto(f"{server}/storyboard?objective=10&step=2&lang=es")
    wait_for_app(page)
    field = page.locator("[data-testid=stSidebar] input").first
    field.click()
    for key in ("n", "p", "Space", "ArrowDown", "ArrowRight", "PageDown"):
        page.keyboard.press(key)
    page.keyboard.press("Escape")
    page.wait_for_timeout(1500)
    wait_for_app(page)
    assert step_shown(page)[0] == 2 and "step=2" in page.url
    page.locator("h1").click()  # focus back on the page
    press(page, "n", 3)
    assert "step=3" in page.url


def test_a_key_after_the_next_button_steps_once(page, server):
    """After a click on Next the button has the focus: Space presses it (one step), PageDown steps once."""
    page.goto(f"{server}{LINK}")
    wait_for_app(page)
    page.get_by_role("button", name="Siguiente").click()
    page.wait_for_function(f"() => document.body.innerText.includes('Paso 2 de {TOTAL}')", timeout=60_000)
    wait_for_app(page)
    press(page, "Space", 3)
    page.wait_for_timeout(1500)
    assert step_shown(page)[0] == 3
    press(page, "PageDown", 4)
    page.wait_for_timeout(1500)
    assert step_shown(page)[0] == 4 and "step=4" in page.url


def test_the_presenter_link_keeps_present_in_the_address(page, server):
    page.goto(f"{server}/storyboard?objective=10&step=3&lang=es")
    wait_for_app(page)
    page.get_by_role("link", name="Abrir este paso en modo presentación").click()
    page.wait_for_function("() => location.search.includes('present=1')", timeout=60_000)
    wait_for_app(page)
    assert page.locator("[data-testid=stSidebar]").is_visible() is False
    assert "step=3" in page.url
    press(page, "PageDown", 4)
    assert "present=1" in page.url and "step=4" in page.url
    assert page.locator("[data-testid=stSidebar]").is_visible() is False


def test_presenter_mode_shows_no_plotly_toolbar(page, server):
    """Plotly shows its toolbar over the chart's top right, where a legend is, when the pointer is on it."""
    page.goto(f"{server}{LINK}&step=2")
    wait_for_app(page)
    chart = page.locator("[data-testid=stMainBlockContainer] .stPlotlyChart").first
    box = chart.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + 20)
    page.wait_for_timeout(500)
    assert page.locator(".stPlotlyChart .modebar").count() > 0  # Plotly drew it...
    assert not any(bar.is_visible() for bar in page.locator(".stPlotlyChart .modebar").all())  # ...unseen
    # Without presenter mode the toolbar is still there for saving the chart.
    page.goto(f"{server}/storyboard?objective=10&step=2&lang=es")
    wait_for_app(page)
    chart = page.locator("[data-testid=stMainBlockContainer] .stPlotlyChart").first
    box = chart.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    page.wait_for_timeout(500)
    assert any(bar.is_visible() for bar in page.locator(".stPlotlyChart .modebar").all())


def test_map_tooltips_stay_inside_the_map(page, server):
    """Over South America the tooltips (380 px wide) would run past the map's right edge: each lies within
    the map's frame, moved to the pointer's other side."""
    page.goto(f"{server}{LINK}&step=3")
    wait_for_app(page)
    frame = page.locator("[data-testid=stDeckGlJsonChart]").first.bounding_box()
    seen, moved, outside = 0, 0, []
    for i in range(8, 13):
        for j in range(4, 10):
            page.mouse.move(frame["x"] + frame["width"] * i / 20, frame["y"] + frame["height"] * j / 20)
            page.wait_for_timeout(80)
            tip = page.evaluate(
                "() => { const t = document.querySelector('.deck-tooltip');"
                " if (!t || getComputedStyle(t).display === 'none' || !t.innerText.trim()) return null;"
                " const r = t.getBoundingClientRect();"
                " return [r.left, r.top, r.right, r.bottom, Number(t.dataset.gcmDx || 0)]; }")
            if tip:
                seen += 1
                moved += tip[4] != 0
                if (tip[0] < frame["x"] - 1 or tip[1] < frame["y"] - 1 or tip[2] > frame["x"] + frame["width"] + 1
                        or tip[3] > frame["y"] + frame["height"] + 1):
                    outside.append((i, j, tip))
    assert seen >= 5 and moved >= 1, (seen, moved)  # tooltips that deck.gl put past the edge were found
    assert outside == []
    screenshot(page, "present-objective-10-step3-tooltip-es")


def test_pickers_are_as_large_as_the_body_text(page, server):
    page.goto(f"{server}/?lang=es&present=1")
    wait_for_app(page)
    picker = page.locator("[data-testid=stMainBlockContainer] [data-testid=stSelectbox]").first
    picker.scroll_into_view_if_needed()
    assert float(picker.locator("input").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 20
    picker.locator("input").click()
    page.locator("[role=option]").first.wait_for()
    sizes = page.evaluate("() => [...document.querySelectorAll('[role=option]')]"
                          ".map(o => parseFloat(getComputedStyle(o).fontSize))")
    assert sizes and min(sizes) >= 20, sizes
