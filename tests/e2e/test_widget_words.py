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
