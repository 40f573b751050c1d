"""Streamlit's own English words that a screen reader speaks (help icons' "Help for …") and the
choosers' placeholders are in the page's language."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_for_app

HELP_LABELS = "() => [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))" \
              ".filter(l => /^(Help|Ayuda|Ajuda)\\b/.test(l))"


@pytest.mark.parametrize("lang, prefix", [("es-MX", "Ayuda sobre "), ("pt-BR", "Ajuda sobre "), ("en", "Help for ")])
def test_help_icons_are_named_in_the_pages_language(page, server, lang, prefix):
    page.goto(f"{server}/compare?countries=COL,PER&indicator=glotip_victims_rate&lang={lang}")
    wait_for_app(page)
    page.wait_for_function(f"() => ({HELP_LABELS})().length >= 2 && ({HELP_LABELS})().every(l => l.startsWith({prefix!r}))",
                           timeout=15_000)
    labels = page.evaluate(HELP_LABELS)
    assert sorted(labels)[0].startswith(prefix) and not any("Help for" in l for l in labels if prefix != "Help for ")
    placeholders = page.evaluate("() => [...document.querySelectorAll('[placeholder]')].map(e => e.placeholder)")
    assert not any(p.startswith("Choose") for p in placeholders) or lang == "en"
    assert page.errors == []


@pytest.mark.parametrize("browser_locale, link, incidents_like", [
    ("es-AR", "lang=es", "12.345"),      # the link names the language only: the browser's region decides
    ("es-MX", "lang=es", "12,345"),
    ("es-MX", "lang=es-AR", "12.345"),   # the link's region wins over the browser's
    ("pt-BR", "", "12.345"),             # no `lang` at all: the browser's language and region
])
def test_the_browsers_locale_decides_the_separators_when_the_link_names_no_region(browser, server, db_env, browser_locale,
                                                                                   link, incidents_like):
    from gcm.queries import warehouse

    n = int(warehouse.load_headline_counts()["incidents"])
    assert n >= 1000  # a count that has a thousands separator
    expected = f"{n:,}" if incidents_like == "12,345" else f"{n:,}".replace(",", ".")
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale=browser_locale)
    try:
        page = context.new_page()
        page.goto(f"{server}/sources?{link}")
        wait_for_app(page)
        metrics = page.locator("[data-testid=stMetricValue]").all_inner_texts()
        assert expected in [m.strip() for m in metrics]
        assert page.evaluate("document.documentElement.lang") == browser_locale[:2]
    finally:
        context.close()
