"""WCAG 2.2 AA in the browser: axe-core on every page, in normal and presenter mode, in English and
Spanish; every chart with its description as a text alternative; the controls from the keyboard.

axe-core comes bundled in the pinned `axe-playwright-python` (requirements-dev.txt), so the test runs
offline. Screenshots of both modes land in tests/e2e/screenshots/a11y-*.png to be looked at.
"""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import screenshot, sign_in_to_review, wait_for_app

# Every page in dashboard.py's navigation, with the parameters a reader would arrive with.
PAGES = [
    ("scorecard", ""),
    ("objective", "objective?objective=10"),
    ("map", "map"),
    ("compare", "compare?countries=COL,PER&indicator=glotip_victims_rate"),
    ("country", "country?country=COL"),
    ("practices", "practices?objective=21"),
    ("practice", "practices?practice=P01"),
    ("submit", "submit"),
    ("storyboard-headline", "storyboard?objective=10&step=1"),
    ("storyboard-trend", "storyboard?objective=10&step=2"),
    ("storyboard-map", "storyboard?objective=10&step=3"),
    ("data", "data?indicator=glotip_victims_rate&countries=COL,PER"),
    ("methodology", "methodology"),
    ("sources", "sources"),
    ("review", "review"),
]
# Every page in normal mode in English and in presenter mode (its own CSS: large black type) in Spanish;
# the pages with the most text of their own also in normal mode in Spanish.
MODES = [("en", ""), ("es-present", "present=1")]
SPANISH = [p for p in PAGES if p[0] in ("scorecard", "objective", "submit")]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}
# Rules that fail the test whatever axe's impact: a heading level skipped (moderate) reads to a screen reader,
# which lists and jumps by level, as a missing section.
BLOCKING_RULES = {"heading-order"}

# Violations inside Streamlit's own components that the app cannot change, by rule and the component
# that holds the node; nothing else is excused.
#  - The sidebar navigation with sections (st.navigation with a dict) puts each section's <header> and
#    <li>s in a <div> directly under the <ul>: the list's markup is Streamlit's (1.67). The links
#    themselves are named, in a labelled <nav>, in page order, and Tab reaches each one (tested below).
EXCUSED = [
    ("list", '[data-testid="stSidebarNavItems"]'),
    ("listitem", '[data-testid="stSidebarNavItems"]'),
]


def url_of(server: str, path: str, lang: str, extra: str) -> str:
    params = "&".join(p for p in (path.partition("?")[2], f"lang={lang}" if lang != "en" else "", extra) if p)
    return f"{server}/{path.partition('?')[0]}" + (f"?{params}" if params else "")


def blocking_violations(page) -> list[str]:
    """axe-core's serious and critical violations, and those of BLOCKING_RULES, on the page as it is, less
    the excused ones: one line per node with the rule, the target and the help, for the failure message."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA},
                                       "resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING and violation["id"] not in BLOCKING_RULES:
            continue
        for node in violation["nodes"]:
            target = node["target"][0]
            if any(rule == violation["id"] and page.evaluate(
                    "([t, c]) => !!document.querySelector(t)?.closest(c)", [target, holder])
                   for rule, holder in EXCUSED):
                continue
            detail = "; ".join(check["message"] for check in node.get("any", []) + node.get("all", []))
            found.append(f"{violation['id']} ({violation['impact']}) at {target}: {violation['help']}"
                         f" ({violation['helpUrl']}) {detail}")
    return found


CASES = [(*p, *m) for p in PAGES for m in MODES] + [(*p, "es", "") for p in SPANISH]


@pytest.mark.parametrize("name,path,mode,extra", CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_no_serious_or_critical_violation(page, server, name, path, mode, extra):
    page.goto(url_of(server, path, mode.split("-")[0], extra))
    wait_for_app(page)
    page.wait_for_timeout(1000)  # charts and the map draw after the script is done
    assert page.locator("[data-testid=stException]").count() == 0
    found = blocking_violations(page)
    assert not found, "\n".join(found)
    screenshot(page, f"a11y-{name}-{mode}")


def test_review_queue_signed_in(page, server):
    """The reviewer's own screen, with its record picker and action buttons."""
    sign_in_to_review(page, server, "Ana")
    found = blocking_violations(page)
    assert not found, "\n".join(found)


CHARTED = [p for p in PAGES if p[0] in ("scorecard", "objective", "map", "compare", "country", "storyboard-trend",
                                         "storyboard-map")]


@pytest.mark.parametrize("name,path", CHARTED, ids=[p[0] for p in CHARTED])
def test_every_chart_has_its_description_as_text_alternative(page, server, name, path):
    """Each chart and map is a figure named by its generated description, and that description is also
    on the page as text (a caption), for readers who do not use a screen reader."""
    page.goto(f"{server}/{path}")
    wait_for_app(page)
    charts = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart], [data-testid=stDeckGlJsonChart]')]"
        ".map(c => [c.dataset.testid, c.getAttribute('role'), c.getAttribute('aria-label') || ''])")
    assert charts, "no chart on the page"
    captions = page.evaluate("() => [...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
                             ".map(c => c.innerText.replace(/\\s+/g, ' ').trim())")
    shown = " ".join(captions)
    for kind, role, label in charts:
        assert role == "figure" and len(label) > 60, (kind, role, label)
        said = re.sub(r"\s+", " ", label).strip()
        if kind == "stDeckGlJsonChart":  # its first sentence names the map itself ("Map of …, coloured by …")
            said = said.split(". ", 1)[-1]
        assert said in shown, f"not shown as text: {said}"


@pytest.mark.parametrize("path,expander,first_column", [
    ("?lang=es", "La cuadrícula como tabla, celda por celda", "País"),
    ("objective?objective=10", "The chart's figures as a table", "Year"),
    ("compare?countries=COL,PER&indicator=glotip_victims_rate&lang=pt", "Os números do gráfico em uma tabela", "Ano"),
])
def test_a_chart_has_its_figures_as_a_table(page, server, path, expander, first_column):
    """Under the chart, a closed expander opens (from the keyboard too) on the chart's figures as a table."""
    page.goto(f"{server}/{path}")
    wait_for_app(page)
    summary = page.locator("[data-testid=stExpander] summary", has_text=expander)
    summary.focus()
    page.keyboard.press("Enter")
    table = page.locator("[data-testid=stExpander]", has_text=expander).locator("[data-testid=stDataFrame]")
    table.locator("[role=columnheader]").first.wait_for(state="attached", timeout=30_000)
    # The grid is drawn on a canvas; its cells are also an ARIA grid inside it, which is what is read out.
    headers = table.evaluate("t => [...t.querySelectorAll('[role=columnheader]')].map(h => h.textContent)")
    assert headers[0] == first_column
    assert table.evaluate("t => t.querySelectorAll('[role=gridcell]').length") >= len(headers)


def test_skip_link_and_landmarks_are_kept(page, server):
    """Streamlit's skip link is the first stop of the Tab key and leads to the main landmark."""
    page.goto(f"{server}/objective?objective=10")
    wait_for_app(page)
    assert page.locator("main").count() == 1
    assert page.get_by_role("navigation").count() >= 1
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.innerText, document.activeElement.getAttribute('href')]")
    assert focused == ["Skip to main content", "#stMain"]


def tab_to(page, test_id: str, label: str, presses: int = 40) -> None:
    """Press Tab until the focus is in the widget with that test id and label (as a person would)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        here = page.evaluate(
            "(id) => { const w = document.activeElement.closest(`[data-testid=${id}]`);"
            " return w ? w.innerText + ' ' + (document.activeElement.getAttribute('aria-label') || '') : null; }",
            test_id)
        if here is not None and label in here:
            return
    pytest.fail(f"Tab never reached {test_id} {label!r}")


def test_a_picker_is_changed_from_the_keyboard(page, server):
    page.goto(f"{server}/objective?objective=10")
    wait_for_app(page)
    tab_to(page, "stSelectbox", "GCM objective")
    page.keyboard.press("ArrowDown")  # opens the list on the chosen objective
    page.wait_for_selector("[role=option]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !location.search.includes('objective=10')", timeout=60_000)
    wait_for_app(page)
    chosen = re.search(r"objective=(\d+)", page.url)
    assert chosen and chosen.group(1) != "10"
    assert page.inner_text("h1").startswith(f"Objective {chosen.group(1)} ")


def test_the_storyboard_steps_from_the_keyboard_in_presenter_mode(page, server):
    page.goto(f"{server}/storyboard?objective=10&step=1&present=1")
    wait_for_app(page)
    tab_to(page, "stButton", "Next")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.innerText.includes('Step 2 of 6')", timeout=60_000)
    wait_for_app(page)
    assert "step=2" in page.url
    tab_to(page, "stButton", "Previous")
    page.keyboard.press("Space")
    page.wait_for_function("() => document.body.innerText.includes('Step 1 of 6')", timeout=60_000)
    assert page.errors == []
