"""Hostile input to the practice form, the ingest command and the review page: kept literally, or refused.

Counted in the reliability figures of docs/reliability.md (suite `practice_form`).
"""
from __future__ import annotations

import csv
import json

import pytest

from practices.ingest import ingest
from practices.record import check, field_specs
from tests.app.conftest import open_page

pytestmark = pytest.mark.reliability("practice_form")

# Text a submitter might send, on purpose or not; every one must come back exactly as sent.
HOSTILE_TEXT = {
    "script tag": "<script>alert(document.cookie)</script>",
    "img onerror": "<img src=x onerror=alert(1)>",
    "html entities": "&lt;b&gt;bold&lt;/b&gt; &amp; <b>bold</b>",
    "markdown": "# Heading **bold** _it_ [link](javascript:alert(1)) ![img](http://x/y.png) `code`",
    "latex": "$x^2$ and $$\\int$$",
    "sql": "'; DROP TABLE practices; -- \" OR 1=1 --",
    "formula =": "=HYPERLINK(\"http://evil.example\",\"click\")",
    "formula +": "+cmd|' /C calc'!A0",
    "formula -": "-2+3",
    "formula @": "@SUM(A1:A9)",
    "right-to-left": "مبادرة الهجرة ‏بالعربية‏ ‮override‬",
    "emoji": "Migración 🌎🧭👨‍👩‍👧‍👦🏳️‍🌈",
    "combining marks": "Z̷̡̢a̵̛̪l̴̞͌g̶̳̈́o̸̬͝ migrac\u0327a\u0303o",
    "zero-width": "mi\u200bgra\u200dción\ufeff",
    "non-BMP": "𝔐𝔦𝔤𝔯𝔞𝔠𝔦𝔬𝔫 𠜎",
    "braces": "{ref} {0} %s %(x)s",
}
BASE = {
    "summary": "Resumen.", "countries": "COL", "objectives": "10", "actor": "Actor", "actor_type": "civil society",
    "year_start": "2022", "contact_email": "x@example.org", "language": "es", "consent": "yes",
}


@pytest.mark.parametrize("name", list(HOSTILE_TEXT))
def test_hostile_text_is_stored_exactly_as_sent(name, store):
    from practices.record import reference_for

    text = HOSTILE_TEXT[name]
    rec = check({**BASE, "title": text, "summary": text, "actor": text, "partners": text}).record
    ref = reference_for()
    store.submit(ref, rec, "form")
    kept = store.get(ref).record
    assert kept["title"] == kept["summary"] == kept["actor"] == kept["partners"] == text


@pytest.mark.parametrize("field", [n for n, s in field_specs().items() if s.kind in ("text", "longtext")])
def test_oversized_text_is_refused_with_the_limit_named(field):
    limit = field_specs()[field].max_chars
    errors = check({**BASE, "title": "T", field: "é" * (limit + 1)}).errors
    assert [(e.field, e.code, dict(e.params)["max"]) for e in errors] == [(field, "too_long", limit)]
    assert check({**BASE, "title": "T", field: "é" * limit}).ok  # the limit itself is allowed


def test_a_hostile_export_loses_no_row_and_keeps_text_literally(tmp_path, store, tally):
    """Every row of a file full of hostile text is submitted literally or quarantined with a reason."""
    columns = ["title", "summary", "countries", "objectives", "actor", "actor_type", "year_start", "source_url",
               "contact_email", "language", "consent"]
    rows = []
    for i, (name, text) in enumerate(HOSTILE_TEXT.items()):
        rows.append([f"{text} #{i}", text, "COL", "10", text, "civil society", "2022", "https://example.org",
                     f"p{i}@example.org", "es", "yes"])
    rows.append(["x" * 5000, "oversized title", "COL", "10", "a", "civil society", "2022", "", "o@example.org",
                 "es", "yes"])
    rows.append(["Bad link", "s", "COL", "10", "a", "civil society", "2022", "javascript:alert(1)", "l@example.org",
                 "es", "yes"])
    rows.append(["Formula country", "s", "=1+1", "10", "a", "civil society", "2022", "", "f@example.org", "es", "yes"])
    for fmt in ("csv", "json"):
        path = tmp_path / f"hostile.{fmt}"
        if fmt == "csv":
            with open(path, "w", encoding="utf-8", newline="") as fh:
                csv.writer(fh).writerows([columns] + rows)
        else:
            path.write_text(json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False), encoding="utf-8")
        result = ingest(path, store)
        tally.faults(len(rows))
        tally.rows(read=len(rows), loaded=len(result.submitted), quarantined=len(result.quarantined),
                   duplicate=len(result.duplicates))
        assert len(result.submitted) + len(result.quarantined) + len(result.duplicates) == len(rows)
    tally.cases(2)
    kept = {s.record["title"] for s in store.submissions()}
    assert kept == {f"{t} #{i}" for i, t in enumerate(HOSTILE_TEXT.values())}
    assert len(store.quarantined()) == 6  # three per file, each under its own file name


def test_the_review_page_is_unreachable_without_credentials(db_env, store, monkeypatch, tally):
    from practices.record import reference_for

    rec = check({**BASE, "title": "Secret pending practice"}).record
    store.submit(reference_for(), rec, "form")
    cases = [({}, None), ({"GCM_REVIEWER_TOKEN": "short"}, None),
             ({"GCM_REVIEWER_TOKEN": "a-long-enough-reviewer-token"}, "wrong-token")]
    for env, attempt in cases:
        for key in ("GCM_REVIEWER_TOKEN", "GCM_REVIEWERS"):
            monkeypatch.delenv(key, raising=False)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        at = open_page("review", present="1", lang="es")
        if attempt:
            at.text_input[0].set_value("Eve")
            at.text_input[1].set_value(attempt)
            at = at.button[-1].click().run()
        shown = " ".join(str(e.value) for kind in ("markdown", "caption", "info", "error", "warning", "success")
                         for e in getattr(at, kind))
        assert not at.exception and "Secret pending practice" not in shown and not at.dataframe
    tally.cases(len(cases))
    tally.faults(len(cases))

