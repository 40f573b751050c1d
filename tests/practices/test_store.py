"""The submissions store: review transitions, history, and submissions that arrive at the same moment."""
from __future__ import annotations

import multiprocessing
import threading

import pytest
import sqlalchemy as sa

from practices.record import check, reference_for
from practices.store import Store, TransitionError, practice_frames

RECORD = check({
    "title": "Mesa de integración", "summary": "Coordinación municipal.", "countries": "PER", "objectives": "16",
    "actor": "Municipalidad", "actor_type": "government (subnational)", "year_start": "2020",
    "contact_email": "ana@example.org", "language": "es", "consent": "yes",
}).record


def submit(store: Store, record=RECORD) -> str:
    ref = reference_for()
    assert store.submit(ref, record, origin="form")
    return ref


def test_a_new_submission_waits_for_review_and_is_not_published(store):
    ref = submit(store)
    sub = store.get(ref)
    assert sub.state == "submitted" and [h["state"] for h in sub.history] == ["submitted"]
    frames = practice_frames(store.submissions())
    assert frames["practices"].set_index("practice_id").loc[ref, "status"] == "submitted"


def test_approval_publishes_when_the_submitter_consented_and_history_says_who_when_and_why(store):
    ref = submit(store)
    sub = store.approve(ref, "Ana (token)", "clear and sourced")
    assert sub.state == "published"
    assert [(h["state"], h["by"]) for h in sub.history[1:]] == [("approved", "Ana (token)"), ("published", "Ana (token)")]
    assert sub.history[1]["note"] == "clear and sourced" and sub.history[1]["at"] < sub.history[2]["at"]


def test_a_file_row_without_recorded_consent_stays_approved_until_published(store):
    ref = submit(store, {**RECORD, "consent": None})
    assert store.approve(ref, "Ana").state == "approved"
    assert store.decide(ref, "published", "Ana", "consent confirmed").state == "published"


@pytest.mark.parametrize("path, bad", [
    (["rejected"], "published"), (["rejected"], "approved"), ([], "published"),
    (["changes_requested"], "published"), (["approved", "published"], "rejected"),
])
def test_nothing_is_published_without_approval_and_rejected_stays_rejected(store, path, bad):
    ref = submit(store, {**RECORD, "consent": None})
    for state in path:
        store.decide(ref, state, "Ana", "note")
    with pytest.raises(TransitionError):
        store.decide(ref, bad, "Bea", "note")
    assert store.get(ref).state == (path[-1] if path else "submitted")


def test_contact_details_never_leave_the_store(store):
    ref = submit(store, {**RECORD, "submitter_name": "Ana Pérez"})
    frames = practice_frames(store.submissions())
    text = frames["practices"].astype(str).to_csv()
    assert "ana@example.org" not in text and "Ana Pérez" not in text
    assert store.get(ref).record["contact_email"] == "ana@example.org"  # kept, for the review team


def test_a_taken_reference_is_refused_not_overwritten(store):
    ref = submit(store)
    assert not store.submit(ref, {**RECORD, "title": "Another"}, origin="form")
    assert store.get(ref).record["title"] == RECORD["title"]


def test_submissions_at_the_same_moment_from_threads_are_all_kept(store):
    barrier = threading.Barrier(16)

    def worker(i):
        barrier.wait()
        store.submit(reference_for(), {**RECORD, "title": f"Práctica {i}"}, origin="form")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(s.record["title"] for s in store.submissions()) == sorted(f"Práctica {i}" for i in range(16))


def _submit_in_process(root, i, start):
    start.wait()
    Store(root).submit(reference_for(), {**RECORD, "title": f"Proceso {i}"}, origin="form")


def test_submissions_at_the_same_moment_from_separate_processes_are_all_kept(store):
    """Two app replicas sharing one store folder behave like these processes."""
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=_submit_in_process, args=(store.root, i, start)) for i in range(6)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(60)
    assert sorted(s.record["title"] for s in store.submissions()) == sorted(f"Proceso {i}" for i in range(6))


def test_two_reviewers_deciding_at_once_leave_one_consistent_state(store):
    ref = submit(store, {**RECORD, "consent": None})
    store.decide(ref, "approved", "Ana")
    # Bea's page still showed it as submitted: her "reject" is refused, not silently applied.
    with pytest.raises(TransitionError):
        store.decide(ref, "changes_requested", "Bea", "too late")
    assert store.get(ref).state == "approved"


def test_a_damaged_record_in_the_store_is_skipped_not_fatal(store):
    ref = submit(store)
    with store.engine.begin() as conn:  # written by hand: not JSON, and JSON of the wrong shape
        for bad, text in (("GCM-0000-0000", "{not json"), ("GCM-0000-0001", '["a list"]')):
            conn.execute(sa.text("INSERT INTO submissions (ref, submitted_at, origin, record, state, version) "
                                 "VALUES (:ref, '2026-01-01', 'hand', :text, 'published', 0)"), {"ref": bad, "text": text})
    assert [s.ref for s in store.submissions()] == [ref]
    assert store.damaged() == ["GCM-0000-0000", "GCM-0000-0001"]  # not vanished: listed for reviewers
