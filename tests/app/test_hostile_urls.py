"""Every page with malicious or nonsensical URL parameters: a note, never a traceback or rendered HTML."""
from __future__ import annotations

import re

import pytest

from tests.app.conftest import open_page

PAGES = ["scorecard", "objective", "map", "compare", "country", "practices", "data", "methodology", "sources",
         "submit", "review"]
HOSTILE = {
    "countries": "<script>alert(1)</script>,COL,',--",
    "objective": "-1 OR 1=1",
    "indicator": "x'); DROP TABLE fct_indicator_values; --",
    "years": "99999999999999999999-1",
    "country": "[click](javascript:alert(1))",
    "lang": "<b>xx</b>",
    "groups": "**bold**,can",
    "practice": "<img src=x onerror=alert(1)>",
    "layers": "incidents,<svg/onload=alert(1)>",
    "indicators": "=HYPERLINK(\"http://evil\"),glotip_victims",
}


@pytest.mark.reliability("hostile_urls")
@pytest.mark.parametrize("page", PAGES)
def test_hostile_parameters_are_dropped_with_a_note(db_env, tally, page):
    tally.faults(len(HOSTILE))
    at = open_page(page, **HOSTILE)
    assert not at.exception, at.exception
    shown = " ".join(str(e.value) for e in list(at.warning) + list(at.info) + list(at.error) + list(at.markdown))
    # nothing from the URL reaches Markdown unescaped: once backslash-escaped characters are taken
    # out, no tag, link or emphasis is left to render
    shown = re.sub(r"\\.", "", shown)
    for raw in ("<script>", "<img", "<svg", "](javascript:", "**bold**"):
        assert raw not in shown, (page, raw)
    if page != "sources":
        assert at.warning, f"{page}: no note about the dropped values"


@pytest.mark.reliability("hostile_urls")
@pytest.mark.parametrize("page", PAGES)
def test_repeated_and_empty_parameters(db_env, page):
    at = open_page(page, countries="", years="", objective="")
    assert not at.exception
