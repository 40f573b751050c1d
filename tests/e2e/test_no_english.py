"""No English word on a Spanish or Portuguese page, in headless Chromium (tests/e2e/english_audit.py says
what counts as English and which names are not).

Issue 19's "done when": a presenter opens a prepared Spanish link, steps through objective 10's
storyboard with a clicker (PageDown) without touching the mouse, and the audience sees no English word
on any step. One browser page per module, reused from page to page.
"""
from __future__ import annotations

import pytest

from gcm.i18n import t
from tests.e2e.conftest import REVIEWER_TOKEN, screenshot, wait_for_app
from tests.e2e.english_audit import audit
from tests.e2e.test_clicker import LINK, TOTAL, press

PAGES = [
    "", "objective?objective=10", "map?countries=BLZ,CRI,SLV,GTM,HND,MEX,NIC,PAN&years=2022-2022",
    "compare?countries=COL,PER&indicator=glotip_victims_rate", "country?country=COL", "practices?objective=21",
    "submit", "data?indicators=glotip_victims&countries=COL,PER", "methodology", "sources", "review",
    "storyboard?objective=10&step=3",
]


@pytest.fixture(scope="module")
def tab(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def open_page(tab, server, path: str, lang: str) -> None:
    tab.goto(f"{server}/{path}{'&' if '?' in path else '?'}lang={lang}")
    wait_for_app(tab)
    tab.wait_for_timeout(500)  # the script rewrites Streamlit's words on the next animation frame


def assert_no_english(tab, lang: str, where: str) -> None:
    found = audit(tab, lang)
    assert found == [], f"English on the {lang} page {where}:\n  " + "\n  ".join(found)


@pytest.mark.parametrize("lang", ["es", "pt-BR"])
@pytest.mark.parametrize("path", PAGES, ids=[p.split("?")[0] or "scorecard" for p in PAGES])
def test_no_english_word_on_a_page(tab, server, path, lang):
    open_page(tab, server, path, lang)
    assert_no_english(tab, lang, path)
    assert tab.errors == []


def test_a_presenter_steps_through_objective_10_in_spanish_and_sees_no_english(tab, server):
    """PageDown from the first step to the last, as a clicker does; every step is audited."""
    tab.goto(f"{server}{LINK}")
    wait_for_app(tab)
    for step in range(1, TOTAL + 1):
        if step > 1:
            press(tab, "PageDown", step)
        tab.wait_for_timeout(500)
        assert f"step={step}" in tab.url and "present=1" in tab.url
        assert_no_english(tab, "es", f"storyboard step {step}")
        if step in (1, 3):
            screenshot(tab, f"no-english-storyboard-10-step{step}-es")


@pytest.mark.parametrize("lang", ["es", "pt-BR"])
def test_no_english_in_opened_pickers_expanders_and_toolbars(tab, server, lang):
    """What only shows after a click: a multiselect's list (and its "no results"), a selectbox's list, a
    chart's table in its expander, the table toolbar's search, Plotly's toolbar under the pointer."""
    open_page(tab, server, "compare?countries=COL,PER&indicator=glotip_victims_rate", lang)
    picker = tab.locator("[data-testid=stSidebar] [data-testid=stMultiSelect] input").first
    picker.click()
    tab.keyboard.press("ArrowDown")  # a click focuses the multiselect; the arrow opens its list
    tab.locator("[role=listbox]").first.wait_for()
    tab.wait_for_timeout(300)
    assert_no_english(tab, lang, "with the countries' list open")
    picker.type("zzqx")
    tab.wait_for_timeout(500)
    assert_no_english(tab, lang, "with a list that finds nothing")
    tab.keyboard.press("Escape")
    tab.locator("[data-testid=stSidebar] [data-testid=stSelectbox] input").first.click()
    tab.locator("[role=listbox]").first.wait_for()
    tab.wait_for_timeout(300)
    assert_no_english(tab, lang, "with the indicator's list open")
    tab.keyboard.press("Escape")

    summary = tab.locator("[data-testid=stMainBlockContainer] [data-testid=stExpander] summary").first
    summary.click()
    grid = tab.locator("[data-testid=stExpander] [data-testid=stDataFrame]").first
    grid.wait_for()
    grid.hover()
    tab.wait_for_timeout(300)
    assert_no_english(tab, lang, "with a chart's table open")
    # The table toolbar's search button, by the name the page's script gave it.
    tab.locator("[data-testid=stExpander]").first.get_by_role("button", name=t("widget_search", lang), exact=True) \
        .click(force=True)
    tab.wait_for_timeout(300)
    assert_no_english(tab, lang, "with the table's search open")
    tab.keyboard.type("Per")
    tab.wait_for_timeout(500)
    assert_no_english(tab, lang, "with the table's search finding a row")
    tab.keyboard.press("Escape")

    chart = tab.locator("[data-testid=stMainBlockContainer] .stPlotlyChart").first
    chart.hover()
    tab.wait_for_timeout(300)
    assert_no_english(tab, lang, "with the pointer on a chart")
    tab.locator("[data-testid=stMainMenuButton]").click()
    tab.locator("[data-testid=stMainMenuPopover]").wait_for()
    tab.wait_for_timeout(300)
    assert_no_english(tab, lang, "with the main menu open")
    if lang == "es":
        screenshot(tab, "no-english-compare-menu-es")
    tab.keyboard.press("Escape")
    assert tab.errors == []


@pytest.mark.parametrize("path", ["country?country=COL", "sources", "map?countries=PAN,CRI&years=2022-2022"])
def test_no_english_word_in_presenter_mode(tab, server, path):
    """Presenter mode shows short tables as static HTML tables: their headings and cells are on the page."""
    open_page(tab, server, path + "&present=1" if "?" in path else path + "?present=1", "es")
    assert_no_english(tab, "es", path + " in presenter mode")


@pytest.mark.parametrize("lang", ["es", "pt-BR"])
def test_no_english_word_for_a_signed_in_reviewer(tab, server, lang):
    """The review queue and the upload panel (Streamlit's file uploader) of a signed-in reviewer."""
    open_page(tab, server, "review", lang)
    tab.get_by_label(t("review_your_name", lang)).fill("Ana")
    tab.get_by_label(t("review_token", lang)).fill(REVIEWER_TOKEN)
    tab.get_by_role("button", name=t("review_sign_in", lang)).click()
    tab.locator("[data-testid=stFileUploader]").first.wait_for(state="attached", timeout=60_000)
    wait_for_app(tab)
    for summary in tab.locator("[data-testid=stMainBlockContainer] [data-testid=stExpander] summary").all():
        summary.click()
    tab.locator("[data-testid=stFileUploaderDropzone]").first.wait_for()
    tab.wait_for_timeout(500)
    assert_no_english(tab, lang, "review, signed in")


def test_a_language_switch_rewrites_streamlits_words_from_their_originals(tab, server):
    """Spanish, then Portuguese and English from the sidebar in the same document: each language's words,
    never the previous language's (the script keeps Streamlit's original beside its rewrite)."""
    open_page(tab, server, "compare?countries=COL,PER&indicator=glotip_victims_rate", "es")
    remove = "[data-testid=stSidebar] [data-testid=stMultiSelect] [aria-label$=' Colombia']"  # the chip's x
    assert tab.locator(remove).first.get_attribute("aria-label") == "Quitar Colombia"
    tab.locator("[data-testid=stSidebar] button", has_text="Português").first.click()
    tab.wait_for_function("() => document.documentElement.lang === 'pt'", timeout=20_000)
    wait_for_app(tab)
    tab.wait_for_timeout(500)
    assert tab.locator(remove).first.get_attribute("aria-label") == "Remover Colombia"
    assert_no_english(tab, "pt", "after switching from Spanish")
    tab.locator("[data-testid=stSidebar] button", has_text="English").first.click()
    tab.wait_for_function("() => document.documentElement.lang === 'en'", timeout=20_000)
    wait_for_app(tab)
    tab.wait_for_timeout(500)
    assert tab.locator(remove).first.get_attribute("aria-label") == "Remove Colombia"
    assert tab.locator("[data-testid=stSkipToContent]").inner_text() == "Skip to main content"
