"""The store's rules held by the database itself, on SQLite and on a real PostgreSQL server."""
from __future__ import annotations

import json
import threading

import pytest
import sqlalchemy as sa

from practices.json_import import import_json_store
from practices.record import check, reference_for
from practices.store import ConcurrentDecision, Store, TransitionError, migrate

RECORD = check({
    "title": "Mesa de integración", "summary": "Coordinación municipal.", "countries": "PER", "objectives": "16",
    "actor": "Municipalidad", "actor_type": "government (subnational)", "year_start": "2020",
    "contact_email": "ana@example.org", "language": "es", "consent": "yes",
}).record


def test_two_simultaneous_decisions_one_wins_the_other_is_told(any_store):
    ref = reference_for()
    any_store.submit(ref, {**RECORD, "consent": None}, "form")
    shown = any_store.get(ref).version  # both reviewers' pages show this version
    barrier, outcomes = threading.Barrier(2), []

    def decide(state, who):
        barrier.wait()
        try:
            outcomes.append((who, any_store.decide(ref, state, who, "note", expected_version=shown).state))
        except ConcurrentDecision:
            outcomes.append((who, "refused"))

    threads = [threading.Thread(target=decide, args=a) for a in (("approved", "Ana"), ("rejected", "Bea"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o for _, o in outcomes).count("refused") == 1
    winner = next((who, state) for who, state in outcomes if state != "refused")
    sub = any_store.get(ref)
    assert sub.state == winner[1] and [h["by"] for h in sub.history[1:]] == [winner[0]]


def test_the_database_refuses_a_move_the_rules_do_not_allow(any_store):
    ref = reference_for()
    any_store.submit(ref, RECORD, "form")
    with pytest.raises(sa.exc.IntegrityError):  # even a writer that skips the code's checks
        with any_store.engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO decisions (ref, version, from_state, state, by, at, note) "
                                 "VALUES (:r, 0, 'submitted', 'published', 'Eve', 'now', '')"), {"r": ref})
    with pytest.raises(sa.exc.IntegrityError):
        with any_store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE submissions SET state = 'hacked' WHERE ref = :r"), {"r": ref})
    assert not any_store.submit(ref, RECORD, "form")  # a reference is unique


def test_unpublish_and_take_down_are_recorded_and_reversible(any_store):
    ref = reference_for()
    any_store.submit(ref, RECORD, "form")
    any_store.approve(ref, "Ana")
    assert any_store.decide(ref, "taken_down", "Ana", "complaint", public_note="Under review").state == "taken_down"
    assert any_store.status(ref) == ("taken_down", "Under review")
    assert ref not in [s.ref for s in any_store.published()]
    assert any_store.decide(ref, "published", "Bea", "complaint unfounded", public_note="").state == "published"
    with pytest.raises(TransitionError):
        any_store.decide(ref, "submitted", "Bea")
    assert any_store.status("GCM-0000-0000") is None and any_store.status("nonsense") is None


def test_limits_are_counted_in_the_database_across_store_objects(any_store):
    other = Store(engine=any_store.engine)  # another session, or another replica
    any_store.record_event("submit", ["10.0.0.1"], 1000.0)
    other.record_event("submit", ["10.0.0.1"], 1001.0)
    other.record_event("submit", ["10.0.0.2"], 1002.0)
    assert any_store.count_events("submit", "10.0.0.1", 900.0) == 2
    assert any_store.count_events("submit", "*", 900.0) == 3
    assert other.event_times("submit", "10.0.0.1", 1000.5) == [1001.0]


def test_migrations_run_up_from_an_empty_database_and_again_without_change(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    migrate(engine)
    migrate(engine)
    assert {"submissions", "decisions", "refused_rows", "abuse_events", "alembic_version"} <= set(
        sa.inspect(engine).get_table_names())


def test_a_json_store_is_imported_once_with_counts_of_what_was_refused_and_why(tmp_path, any_store):
    old = tmp_path / "old"
    (old / "records").mkdir(parents=True)
    (old / "events").mkdir()
    (old / "quarantine").mkdir()
    good, bad_shape = reference_for(), reference_for()
    (old / "records" / f"{good}.json").write_text(json.dumps(
        {"ref": good, "submitted_at": "2026-01-01T00:00:00+00:00", "origin": "form", "record": RECORD}))
    (old / "events" / f"{good}~20260102T000000.000000Z~ab.json").write_text(json.dumps(
        {"ref": good, "state": "approved", "by": "Ana", "at": "2026-01-02T00:00:00+00:00", "note": "ok"}))
    (old / "events" / f"{good}~20260102T000001.000000Z~cd.json").write_text(json.dumps(
        {"ref": good, "state": "published", "by": "Ana", "at": "2026-01-02T00:00:01+00:00", "note": ""}))
    (old / "records" / f"{bad_shape}.json").write_text(json.dumps({"ref": bad_shape, "record": ["not", "a", "dict"]}))
    (old / "records" / "GCM-0000-0000.json").write_text("{broken")
    (old / "quarantine" / "k1.json").write_text(json.dumps(
        {"file": "f.csv", "line": 3, "raw": {"title": "T", "correo": "pedro@example.org"}, "reasons": ["x"]}))
    report = import_json_store(old, any_store)
    assert report.imported == 1 and report.refused_rows == 1
    assert any_store.quarantined()[0]["raw"] == {"title": "T", "correo": "(withheld)"}  # public fields only
    assert sorted(why for _, why in report.refused) == ["not a submission record", "not valid JSON"]
    sub = any_store.get(good)
    assert sub.state == "published" and [h["state"] for h in sub.history] == ["submitted", "approved", "published"]
    again = import_json_store(old, any_store)
    assert again.imported == 0 and again.already == 1
