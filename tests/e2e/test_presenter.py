"""Presenter mode in headless Chromium at 1280x720, in Spanish, on the objective-10 storyboard.

Screenshots land in tests/e2e/screenshots/present-*.png to be looked at.
"""
from __future__ import annotations

import pytest

from gcm.present import load_storyboards
from tests.e2e.conftest import screenshot, wait_for_app

STEPS = range(1, len(load_storyboards()[10]) + 1)


def check_readable(page, one_screen: bool = False) -> None:
    """No sidebar or toolbar, no sideways scrolling, body text of at least 20 px, chart text of at least
    16 px; with `one_screen`, the whole view fits the 1280x720 window (no vertical scrolling either)."""
    assert page.locator("[data-testid=stSidebar]").is_visible() is False
    assert page.locator("[data-testid=stToolbar]").is_visible() is False
    assert page.locator("[data-testid=stExpandSidebarButton]").is_visible() is False
    wide = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert wide[0] <= wide[1], wide
    inner = page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]');"
                          " return [m.scrollWidth, m.clientWidth]; }")
    assert inner[0] <= inner[1], inner
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMainBlockContainer] [data-testid=stMarkdownContainer] p,"
        " [data-testid=stMainBlockContainer] [data-testid=stText]')]"
        ".filter(p => p.offsetParent !== null && p.innerText.trim())"
        ".map(p => parseFloat(getComputedStyle(p).fontSize))"
    )
    assert sizes and min(sizes) >= 20, sizes
    chart_sizes = page.evaluate(
        "() => [...document.querySelectorAll('.stPlotlyChart svg text')]"
        ".filter(t => t.textContent.trim()).map(t => parseFloat(getComputedStyle(t).fontSize))"
    )
    assert not chart_sizes or min(chart_sizes) >= 16, sorted(chart_sizes)[:5]
    if one_screen:
        tall = page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]');"
                             " return [m.scrollHeight, m.clientHeight, document.documentElement.scrollHeight]; }")
        assert tall[0] <= tall[1] and tall[2] <= 720, tall


@pytest.mark.parametrize("step", STEPS, ids=[f"step{n}" for n in STEPS])
def test_presenter_step_in_spanish(page, server, step):
    page.goto(f"{server}/storyboard?objective=10&step={step}&lang=es&present=1")
    wait_for_app(page)
    body = page.inner_text("body")
    assert f"Paso {step} de 6" in body
    assert "Traceback" not in body and page.locator("[data-testid=stException]").count() == 0
    check_readable(page, one_screen=True)
    charts = page.locator("[data-testid=stMainBlockContainer] .stPlotlyChart")
    if charts.count():
        # A step with a chart has chart text to check, and the chart's description under it.
        assert page.locator(".stPlotlyChart svg text").count() > 0
        described = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
            ".some(c => /^(En \\d{4}|\\d+ países|.+ ocupa el primer lugar|.+ comparten el primer lugar)/.test(c.innerText))")
        assert described, "no description under the chart"
    screenshot(page, f"present-objective-10-step{step}-es")
    assert page.errors == []
    assert page.foreign_requests == []


def test_presenter_steps_through_with_next(page, server):
    """The webinar: open the prepared link, press Next to the end without touching a filter."""
    page.goto(f"{server}/storyboard?objective=10&lang=es&present=1")
    wait_for_app(page)
    for step in range(2, 7):
        page.get_by_role("button", name="Siguiente").click()
        page.wait_for_function(f"() => document.body.innerText.includes('Paso {step} de 6')", timeout=60_000)
        wait_for_app(page)
        assert f"step={step}" in page.url and "present=1" in page.url and "lang=es" in page.url
        check_readable(page, one_screen=True)
    last = page.get_by_role("button", name="Siguiente")
    assert last.is_disabled()
    # Its label still reads: a disabled button has no background of its own (its text was white on the white page).
    text, ground = last.evaluate(
        "b => { let e = b; while (e && /rgba\\(.*, 0\\)$/.test(getComputedStyle(e).backgroundColor)) e = e.parentElement;"
        " return [getComputedStyle(b.querySelector('p')).color, e ? getComputedStyle(e).backgroundColor : 'rgb(255, 255, 255)']; }")
    assert contrast(text, ground) >= 3, (text, ground)


def contrast(fore: str, back: str) -> float:
    """WCAG contrast ratio of two CSS rgb()/rgba() colours (an alpha is ignored)."""
    def luminance(css: str) -> float:
        channels = [float(v) / 255 for v in css[css.index("(") + 1:-1].split(",")[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((luminance(fore), luminance(back)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


OTHER_BOARDS = sorted(set(load_storyboards()) - {10})


@pytest.mark.parametrize("objective", OTHER_BOARDS)
def test_other_storyboards_fit_one_screen_per_step(page, server, objective):
    """Every other storyboard: every step readable and within 1280x720, in Spanish (a long caveat under
    a map, under a two-line title, once pushed objective 11's and 23's map steps past 720 px)."""
    total = len(load_storyboards()[objective])
    for step in range(1, total + 1):
        page.goto(f"{server}/storyboard?objective={objective}&step={step}&lang=es&present=1")
        wait_for_app(page)
        assert f"Paso {step} de {total}" in page.inner_text("body")
        check_readable(page, one_screen=True)
    assert page.errors == []


OTHER_PAGES = [
    ("objective", "/objective?objective=10&lang=es&present=1", "Objetivo 10"),
    ("scorecard", "/?lang=es&present=1", "Tablero regional"),
    ("compare", "/compare?countries=COL,PER&indicator=glotip_victims_rate&lang=es&present=1", "Comparar"),
]


@pytest.mark.parametrize("name, url, heading", OTHER_PAGES, ids=[p[0] for p in OTHER_PAGES])
def test_presenter_mode_on_other_pages(page, server, name, url, heading):
    """Ordinary pages scroll down, never sideways; their charts are laid out at presenter size."""
    page.goto(f"{server}{url}")
    wait_for_app(page)
    assert heading in page.inner_text("body")
    assert page.locator(".stPlotlyChart svg text").count() > 0
    check_readable(page)
    screenshot(page, f"present-{name}-page-es")
    assert page.errors == []
