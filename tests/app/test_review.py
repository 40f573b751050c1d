"""The review page: closed without configuration, a token gate, decisions with notes, then publication."""
from __future__ import annotations

import pandas as pd
import pytest

from practices.ingest import ingest
from tests.app.conftest import open_page
from tests.practices.test_ingest import GOOD, HOSTILE, write

TOKEN = "Vx3k9QmT7pR2wZs8LnB4yHc6"  # 24 random characters


def everything_shown(at) -> str:
    """All text and table cells the page shows, to check what must never appear."""
    parts = [str(e.value) for kind in ("markdown", "caption", "error", "info", "success", "warning", "code")
             for e in getattr(at, kind)]
    for df in at.dataframe:
        parts.append(df.value.to_csv())
    return "\n".join(parts)


def signed_in(monkeypatch, **params):
    monkeypatch.setenv("GCM_REVIEWER_TOKEN", TOKEN)
    at = open_page("review", **params)
    at.text_input[0].set_value("Ana")
    at.text_input[1].set_value(TOKEN)
    return at.button[-1].click().run()


@pytest.mark.reliability("practice_form")
def test_without_configuration_the_page_only_explains_how_to_enable_review(db_env, store, monkeypatch, tmp_path):
    monkeypatch.delenv("GCM_REVIEWER_TOKEN", raising=False)
    monkeypatch.delenv("GCM_REVIEWERS", raising=False)
    ingest(write(tmp_path, "f.csv"), store)
    at = open_page("review")
    assert not at.exception
    assert "not available" in at.info[0].value
    assert "GCM_REVIEWER_TOKEN" not in everything_shown(at)  # configuration help is in docs/, not public
    assert not at.dataframe and not at.metric and not at.text_input
    assert "Programa de regularización" not in everything_shown(at)


def test_a_short_token_is_refused_as_unsafe(db_env, store, monkeypatch):
    monkeypatch.setenv("GCM_REVIEWER_TOKEN", "short")
    at = open_page("review")
    assert "not available" in at.info[0].value and not at.text_input and not at.warning


@pytest.mark.reliability("practice_form")
def test_a_wrong_token_shows_nothing_and_too_many_lock_the_session(db_env, store, monkeypatch, tmp_path):
    monkeypatch.setenv("GCM_REVIEWER_TOKEN", TOKEN)
    ingest(write(tmp_path, "f.csv"), store)
    at = open_page("review")
    for _ in range(5):
        at.text_input[0].set_value("Eve")
        at.text_input[1].set_value("guess")
        at = at.button[-1].click().run()
        assert "Programa de regularización" not in everything_shown(at)
    assert "Too many wrong tokens" in at.error[0].value and not at.text_input


def test_a_reviewer_ingests_approves_two_and_finds_them_in_spanish_without_accents(db_env, store, monkeypatch,
                                                                                   tmp_path):
    """The reviewer's round trip: ingest a form export, approve two, search for them in Spanish."""
    ingest(write(tmp_path, "export.csv", GOOD + [HOSTILE]), store)
    at = signed_in(monkeypatch, lang="es")
    assert not at.exception
    shown = everything_shown(at)
    assert "ana@example.org" not in shown and "bea@example.org" not in shown  # contacts never shown
    assert "<script>alert(1)</script>" in shown  # the refused row, literally, in a table
    for _ in range(2):
        at.text_area[0].set_value("Clara y con fuentes")
        at = at.button(key="review_approve").click().run()
        assert "Publicada" in at.success[0].value
    assert {s.state for s in store.submissions()} == {"published"}
    history = store.submissions()[0].history
    assert history[1]["by"] == "Ana (token)" and history[1]["note"] == "Clara y con fuentes"

    practices = open_page("practices", lang="es")
    practices.text_input(key="pr_search").set_value("regularizacion migratoria").run()
    titles = practices.dataframe[0].value["title"].tolist()
    assert "Programa de regularización migratoria" in titles
    practices.text_input(key="pr_search").set_value("mesa integracion local").run()
    assert practices.dataframe[0].value["title"].tolist() == ["Mesa de integración local"]


def test_request_changes_and_reject_need_a_note_and_keep_the_practice_hidden(db_env, store, monkeypatch, tmp_path):
    ingest(write(tmp_path, "f.csv"), store)
    at = signed_in(monkeypatch)
    at = at.button(key="review_reject").click().run()
    assert "Write a note" in at.error[0].value
    assert {s.state for s in store.submissions()} == {"submitted"}
    at.text_area[0].set_value("Out of scope")
    at = at.button(key="review_reject").click().run()
    at.text_area[0].set_value("Please add a source")
    at = at.button(key="review_changes").click().run()
    assert sorted(s.state for s in store.submissions()) == ["changes_requested", "rejected"]
    practices = open_page("practices")
    titles = practices.dataframe[0].value["title"].tolist()
    assert not {"Programa de regularización migratoria", "Mesa de integración local"} & set(titles)


@pytest.mark.reliability("practice_form")
def test_hostile_text_is_shown_literally_once_published(db_env, store):
    from practices.record import check, reference_for

    raw = {"title": "<img src=x onerror=alert(1)> **Bold** [link](javascript:alert(1))",
           "summary": "=cmd|'/c calc'!A1 <b>not bold</b> ‮RTL‮ z̷a̶l̸g̵o 🌎", "countries": "COL", "objectives": "10",
           "actor": "<i>Actor</i>", "actor_type": "civil society", "year_start": "2022", "contact_email": "x@y.org",
           "language": "es", "consent": True}
    rec = check(raw).record
    ref = reference_for()
    store.submit(ref, rec, "form")
    store.approve(ref, "Ana")
    at = open_page("practices", practice=ref)
    assert not at.exception
    texts = [t.value for t in at.text]
    # st.text: plain text, never HTML; the direction overrides made visible (issue 18)
    assert raw["summary"].replace("\u202e", "\ufffd") in texts and raw["actor"] in texts
    assert any(ref in c.value for c in at.caption)
    assert raw["title"] in texts  # the title too: plain text, never Markdown (issue 18)
