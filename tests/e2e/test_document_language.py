"""The document declares the page's language (<html lang>), which Streamlit itself fixes to "en"."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_for_app


@pytest.mark.parametrize("lang, path, heading", [
    ("es", "practices", "Prácticas"),
    ("pt", "practices", "Práticas"),
    ("en", "practices", "Practices"),
    ("es", "methodology", None),
    ("pt", "", None),  # the default page
    ("es", "storyboard?objective=10&step=5&present=1", None),  # presenter mode hides the sidebar
])
def test_the_html_lang_attribute_is_the_pages_language(page, server, lang, path, heading):
    page.goto(f"{server}/{path}{'&' if '?' in path else '?'}lang={lang}")
    wait_for_app(page)
    page.wait_for_function(f"() => document.documentElement.lang === '{lang}'", timeout=10_000)
    if heading:
        assert page.locator("[data-testid=stMainBlockContainer] h1").first.inner_text().strip() == heading
    assert page.errors == []


def test_the_lang_attribute_follows_the_sidebars_language_switch(page, server):
    page.goto(f"{server}/practices?lang=es")
    wait_for_app(page)
    page.wait_for_function("() => document.documentElement.lang === 'es'", timeout=10_000)
    # No reload: the reader picks Portuguese in the sidebar and the same document changes its lang.
    page.locator("[data-testid=stSidebar] button", has_text="Português").first.click()
    page.wait_for_function("() => document.documentElement.lang === 'pt'", timeout=20_000)
    wait_for_app(page)
    assert page.locator("[data-testid=stMainBlockContainer] h1").first.inner_text().strip() == "Práticas"
    assert page.errors == []
