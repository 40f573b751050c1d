"""The "Submit a practice" page: messages under each field, nothing lost, a reference number, a rate limit."""
from __future__ import annotations

import pytest

from tests.app.conftest import open_page

HOSTILE_TITLE = "<script>alert('x')</script> **Programa** de migración"
HOSTILE_SUMMARY = "=HYPERLINK(\"http://evil\") '; DROP TABLE practices; -- [x](javascript:alert(1)) مرحبا 🌎"


def fill(at, title=HOSTILE_TITLE):
    at.text_input(key="sub_title").set_value(title)
    at.text_area(key="sub_summary").set_value(HOSTILE_SUMMARY)
    at.multiselect(key="sub_countries").set_value(["COL", "PER"])
    at.selectbox(key="sub_primary_objective").set_value(4)
    at.multiselect(key="sub_other_objectives").set_value([4, 7])
    at.text_input(key="sub_actor").set_value("Migración Colombia")
    at.selectbox(key="sub_actor_type").set_value("government_national")
    at.number_input(key="sub_year_start").set_value(2021)
    at.text_area(key="sub_links").set_value("https://example.org/a\nhttps://example.org/b")
    at.text_input(key="sub_contact_email").set_value("ana@example.org")
    at.checkbox(key="sub_consent").check()


def submit(at):
    return at.button[-1].click().run()


def test_an_empty_form_names_each_missing_field_and_stores_nothing(db_env, store):
    at = submit(open_page("submit"))
    assert not at.exception
    messages = [e.value for e in at.error]
    assert "fields need attention" in messages[0] and "(s)" not in messages[0]
    for label in ("Title", "Summary", "Countries", "GCM objectives", "Implementing actor", "Start year",
                  "Your e\\-mail", "Consent to publish"):
        assert any(m.startswith(label) for m in messages), label
    assert store.submissions() == []


@pytest.mark.reliability("practice_form")
def test_a_bad_field_keeps_everything_typed(db_env, store):
    at = open_page("submit")
    fill(at)
    at.text_input(key="sub_contact_email").set_value("not an address")
    at = submit(at)
    assert any("not an e\\-mail address" in e.value for e in at.error)
    assert at.text_input(key="sub_title").value == HOSTILE_TITLE  # nothing lost
    assert at.multiselect(key="sub_countries").value == ["COL", "PER"]
    assert store.submissions() == []


@pytest.mark.reliability("practice_form")
def test_a_valid_submission_is_stored_at_once_literally_and_gets_a_reference(db_env, store):
    at = open_page("submit", lang="es")
    fill(at)
    at = submit(at)
    assert not at.exception and not at.error
    ref = at.code[0].value
    assert ref in at.success[0].value and "número de referencia" in at.success[0].value
    sub = store.get(ref)
    assert sub.state == "submitted" and sub.origin == "form"
    assert sub.record["title"] == HOSTILE_TITLE and sub.record["summary"] == HOSTILE_SUMMARY
    assert sub.record["objectives"] == [4, 7] and sub.record["countries"] == ["COL", "PER"]
    assert sub.record["links"] == ["https://example.org/a", "https://example.org/b"]


@pytest.mark.reliability("practice_form")
def test_a_session_can_submit_only_so_often(db_env, store, monkeypatch):
    from practices import record as practice_record

    monkeypatch.setitem(practice_record.settings()["rate_limit"], "max_submissions", 2)
    at = open_page("submit")
    for i in range(3):
        fill(at, title=f"Práctica número {i}")
        at = submit(at)
        if at.button and at.button[0].label == "Submit another practice":
            at = at.button[0].click().run()
    assert len(store.submissions()) == 2
    assert any("already sent 2 submissions" in e.value for e in at.error)
    assert at.text_input(key="sub_title").value == "Práctica número 2"  # kept for later
