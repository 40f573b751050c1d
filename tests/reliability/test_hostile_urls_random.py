"""Every page with random hostile URL parameters: no traceback, and nothing from the URL rendered as HTML or Markdown."""
from __future__ import annotations

import random
import re

import pytest

from tests.app.conftest import open_page

PAGES = ["scorecard", "objective", "map", "compare", "country", "practices", "storyboard", "data", "methodology",
         "sources"]
KEYS = ["countries", "objective", "indicator", "indicators", "years", "country", "lang", "groups", "practice",
        "layers", "step", "present", "q", "utm_source", "__proto__"]
# Fragments a hostile or careless link might carry, and what must never reach the page as markup.
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>",
          "[click](javascript:alert(1))", "**bold**", "<b>x</b>", "<iframe src=//evil>"]
OTHER = ["' OR 1=1 --", "1; DROP TABLE practices", "=cmd|' /C calc'!A0", "@SUM(A1)", "+1+1", "-1", "0", "99999999999999999999",
         "2015-2015-2015", "2023-2015", "NaN", "inf", "1e309", "", ",,,", "COL,COL,COL", "col", "\u202eLOC", "🇨🇴🇵🇪",
         "e\u0301\u0301\u0301", "\u0627\u0644\u0647\u062c\u0631\u0629", "%3Cscript%3E", "../../etc/passwd", "\\x00",
         "a" * 5000, "COL," * 300]
RENDERED = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success")
SEEDS = [1]


def hostile_params(seed: int) -> dict[str, str]:
    """Every known key (and a few unknown ones) with a random mix of markup and nonsense."""
    rng = random.Random(seed)
    return {k: ",".join(rng.choice(MARKUP + OTHER) for _ in range(rng.randint(1, 3))) for k in KEYS}


@pytest.mark.reliability("hostile_urls")
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("page", PAGES)
def test_random_hostile_parameters_never_break_or_inject(db_env, tally, page, seed):
    params = hostile_params(seed * 100 + PAGES.index(page))
    tally.faults(len(params))
    at = open_page(page, **params)
    assert not at.exception, at.exception
    for kind in RENDERED:
        for element in at.get(kind):
            body = str(getattr(element, "value", "") or getattr(element, "body", ""))
            # Backslash-escaped characters render literally; what is left must hold no markup from the URL.
            plain = re.sub(r"\\.", "", body)
            for raw in MARKUP:
                if raw in " ".join(params.values()):
                    assert raw not in plain, (page, kind, raw)
            if getattr(element, "allow_html", False) or getattr(getattr(element, "proto", None), "allow_html", False):
                assert "<" not in " ".join(v for v in params.values() if v in body), (page, kind)
