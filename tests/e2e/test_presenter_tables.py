"""Tables and the chart toolbar as a Spanish reader sees them in Chromium at 1280x720: in presenter mode a
short table's text is as large as the body text and submitted text in it is shown literally; out of it,
Plotly's toolbar speaks Spanish. Screenshots: tests/e2e/screenshots/present-tables-*.png."""
from __future__ import annotations

import os
import time

from gcm.queries.practices import VERSION_MAX_AGE
from practices.record import check, reference_for
from practices.store import Store
from tests.e2e.conftest import SCREENSHOTS, screenshot, wait_for_app

HOSTILE_TITLE = "**x** [y](javascript:alert(1)) <b>z</b>"
HOSTILE = {
    "title": HOSTILE_TITLE, "summary": "Resumen.", "countries": "COL", "objectives": "10", "actor": "Alcaldía",
    "actor_type": "civil society", "year_start": "2023", "contact_email": "hidden@example.org", "language": "es",
    "consent": "yes",
}
# The computed size of a static table's cell text and of the page's body text (paragraphs outside tables).
SIZES = """() => {
  const size = el => parseFloat(getComputedStyle(el).fontSize);
  const visible = el => el.offsetParent !== null && el.innerText.trim();
  const main = document.querySelector('[data-testid=stMainBlockContainer]');
  const cells = [...main.querySelectorAll('[data-testid=stTable] td [data-testid=stMarkdownContainer] p')].filter(visible);
  const heads = [...main.querySelectorAll('[data-testid=stTable] th [data-testid=stMarkdownContainer] p')].filter(visible);
  const body = [...main.querySelectorAll('[data-testid=stMarkdownContainer] p')]
    .filter(p => visible(p) && !p.closest('[data-testid=stTable]'));
  return {cells: cells.map(size), heads: heads.map(size), body: body.map(size)};
}"""


def test_a_presenters_table_is_as_large_as_the_body_text(page, server):
    page.goto(f"{server}/objective?objective=10&lang=es&present=1")
    wait_for_app(page)
    assert page.locator("[data-testid=stTable]").count() >= 3
    assert page.locator("[data-testid=stDataFrame]").count() == 0  # every table of this page is short
    sizes = page.evaluate(SIZES)
    assert sizes["cells"] and sizes["body"], sizes
    body = max(set(sizes["body"]), key=sizes["body"].count)  # the body text's size: its most common one
    assert body >= 20
    assert set(sizes["cells"]) == {body} and set(sizes["heads"]) == {body}, sizes
    page.locator("[data-testid=stTable]").first.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "present-tables-objective-10-es.png"))  # the 1280x720 screen
    assert page.errors == [] and page.foreign_requests == []


def test_submitted_text_in_a_static_table_is_shown_literally(page, server):
    store = Store()  # the server shares the test session's GCM_SUBMISSIONS folder
    assert os.environ.get("GCM_SUBMISSIONS")
    ref = reference_for()
    assert store.submit(ref, check(HOSTILE).record, origin="form")
    try:
        assert store.approve(ref, "Ana").state == "published"
        # Written by this process, as by another replica: the server sees it within VERSION_MAX_AGE.
        time.sleep(VERSION_MAX_AGE + 0.5)
        page.goto(f"{server}/objective?objective=10&lang=es&present=1")
        wait_for_app(page)
        cell = page.locator("[data-testid=stTable] td", has_text="javascript").first
        cell.wait_for(timeout=30_000)
        cell.scroll_into_view_if_needed()
        assert cell.inner_text().strip() == HOSTILE_TITLE
        # Nothing in it was read as Markdown or HTML: no link, emphasis or bold element.
        assert cell.locator("a, b, strong, em, img, script").count() == 0
        screenshot(page, "present-tables-hostile-title-es")
        assert page.errors == [] and page.foreign_requests == []
    finally:
        # The server is shared by every browser test: take the practice away again, before the next test.
        store.purge(ref)
        time.sleep(VERSION_MAX_AGE + 0.5)


def test_the_chart_toolbar_speaks_spanish_outside_presenter_mode(page, server):
    page.goto(f"{server}/compare?countries=COL,PER&indicator=glotip_victims_rate&lang=es")
    wait_for_app(page)
    chart = page.locator(".stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    chart.hover()
    zoom = chart.locator(".modebar-btn[data-attr=dragmode][data-val=zoom]")
    zoom.hover()
    # plotly.js draws the tooltip from the button's data-title (CSS ::after).
    page.wait_for_function("el => getComputedStyle(el, '::after').content.includes('Ampliar')", arg=zoom.element_handle(),
                           timeout=10_000)
    titles = chart.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.getAttribute('data-title'))")
    assert "Descargar gráfica como png" in titles and "Reiniciar ejes" in titles, titles
    assert "Pantalla completa" in titles, titles  # Streamlit's own button, renamed by the page's script
    assert not {"Zoom", "Pan", "Autoscale", "Fullscreen", "Download plot as a PNG"} & set(titles), titles
    screenshot(page, "tables-toolbar-compare-es")
    assert page.errors == []
