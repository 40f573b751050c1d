"""Limits that a page reload used to reset, the status look-up and a practice's lifecycle, through the pages."""
from __future__ import annotations

import pytest

from practices import record as practice_record
from practices.record import reference_for
from tests.app.conftest import open_page
from tests.app.test_review import TOKEN, everything_shown, signed_in
from tests.app.test_submit import fill, submit
from tests.practices.test_store_sql import RECORD


def test_the_submission_limit_holds_in_a_fresh_session(db_env, store, monkeypatch):
    monkeypatch.setitem(practice_record.settings()["rate_limit"], "max_submissions", 1)
    at = open_page("submit")
    fill(at, title="Primera práctica")
    assert submit(at).code  # a reference: stored
    fresh = open_page("submit")  # a new browser session (a reload, another tab, another browser)
    fill(fresh, title="Segunda práctica")
    fresh = submit(fresh)
    assert any("already sent 1 submissions" in e.value for e in fresh.error)
    assert [s.record["title"] for s in store.submissions()] == ["Primera práctica"]


def test_a_flood_from_everyone_stops_at_the_global_limit(db_env, store, monkeypatch):
    monkeypatch.setitem(practice_record.settings()["rate_limit"], "global_per_minute", 2)
    store.record_event("submit", ["198.51.100.7", "198.51.100.8"])  # two other clients, just now
    at = open_page("submit")
    fill(at)
    at = submit(at)
    assert any("Many practices are being submitted" in e.value for e in at.error)
    assert store.submissions() == []


def test_the_reviewer_lockout_holds_in_a_fresh_session(db_env, store, monkeypatch):
    monkeypatch.setenv("GCM_REVIEWER_TOKEN", TOKEN)
    for _ in range(5):  # five wrong tokens, each from a new session
        at = open_page("review")
        at.text_input[0].set_value("Eve")
        at.text_input[1].set_value("guess")
        at.button[-1].click().run()
    at = open_page("review")
    assert "Too many wrong tokens" in at.error[0].value and not at.text_input
    assert store.count_events("review_failure", "account:eve", 0) == 5


def test_a_status_look_up_shows_the_state_and_public_note_only(db_env, store):
    ref = reference_for()
    store.submit(ref, {**RECORD, "consent": True}, "form")
    store.approve(ref, "Ana", "private reviewer note")
    store.decide(ref, "taken_down", "Ana", "complaint from the ministry (private)", public_note="Under review")
    at = open_page("submit")
    at.text_input(key="status_ref").set_value(ref.lower())
    at = at.button[0].click().run()
    shown = everything_shown(at) + " ".join(t.value for t in at.text)
    assert "Taken down" in shown and "Under review" in shown
    for private in ("private", RECORD["title"], "ana@example.org", "Ana"):
        assert private not in shown, private
    at.text_input(key="status_ref").set_value("GCM-0000-0000")
    at = at.button[0].click().run()
    assert any("No submission has that reference" in i.value for i in at.info)


@pytest.mark.reliability("practice_form")
def test_a_reviewer_takes_a_practice_down_and_publishes_it_again(db_env, store, monkeypatch):
    ref = reference_for()
    store.submit(ref, RECORD, "form")  # its submitter consented: approval publishes it
    store.approve(ref, "Ana")
    at = open_page("practices", practice=ref)
    assert at.selectbox(key="pr_practice").value == ref
    at = signed_in(monkeypatch)
    at.selectbox(key="review_live_pick").select(ref).run()
    at.text_area(key=f"review_reason_{ref}").set_value("a complaint")
    at.text_input(key=f"review_public_{ref}").set_value("Withdrawn while we check")
    at = at.button(key="review_life_taken_down").click().run()
    assert store.get(ref).state == "taken_down" and store.status(ref) == ("taken_down", "Withdrawn while we check")
    gone = open_page("practices", practice=ref)
    assert gone.selectbox(key="pr_practice").value is None and ref not in everything_shown(gone)
    at.text_area(key=f"review_reason_{ref}").set_value("checked: fine")
    at = at.button(key="review_life_published").click().run()
    assert store.get(ref).state == "published"
    assert [h["state"] for h in store.get(ref).history] == ["submitted", "approved", "published", "taken_down",
                                                            "published"]


def test_a_damaged_record_breaks_no_page_and_is_named_to_reviewers(db_env, store, monkeypatch):
    import sqlalchemy as sa

    ref = reference_for()
    store.submit(ref, RECORD, "form")
    store.approve(ref, "Ana")
    with store.engine.begin() as conn:  # valid JSON of the wrong shape, published, written by hand
        conn.execute(sa.text("INSERT INTO submissions (ref, submitted_at, origin, record, state, version) "
                             "VALUES ('GCM-0000-0001', '2026-01-01', 'hand', '{\"title\": 5}', 'published', 2)"))
    for page in ("practices", "objective", "country", None):
        at = open_page(page, objective="16", countries="PER", country="PER")
        assert not at.exception, page
    assert open_page("practices", practice=ref).selectbox(key="pr_practice").value == ref
    at = signed_in(monkeypatch)
    assert not at.exception
    assert any("GCM-0000-0001" in w.value for w in at.warning)
