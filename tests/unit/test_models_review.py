"""The review page's view model on a temporary submissions store: the queue, a submission's detail, decisions."""
from __future__ import annotations

import time

from practices.ingest import ingest
from gcm.i18n import t
from gcm.models.review import headers, ingest_summary, review_model, submission_detail
from practices.record import check, reference_for
from tests.practices.test_ingest import GOOD, HOSTILE, write

TITLE = "<img src=x onerror=alert(1)> **Bold** [link](javascript:alert(1))"
CONTACTS = ("ana@example.org", "bea@example.org", "secret@example.org", "Hidden Person")


def submit(store, title: str, consent: bool | None = True) -> str:
    raw = {"title": title, "summary": "<b>not bold</b>", "countries": "COL; Perú", "objectives": "4;7",
           "actor": "Migración Colombia", "actor_type": "civil society", "year_start": "2021", "language": "es",
           "contact_email": "secret@example.org", "submitter_name": "Hidden Person", "consent": consent}
    ref = reference_for()
    assert store.submit(ref, check(raw).record, "form")
    time.sleep(0.002)  # submission times order the queue
    return ref


def everything(model, *details) -> str:
    """Every label and cell the review page would show for this model (and these submissions' details)."""
    parts = [repr(model.counts), repr(model.queue), repr(model.to_publish), model.every.to_csv(),
             model.refused.to_csv()]
    parts += [d.record.to_csv() + d.history.to_csv() for d in details]
    return "\n".join(parts)


def test_the_queue_lists_what_waits_for_a_decision_oldest_first(db_env, store):
    first, second, third = (submit(store, f"Práctica {i}") for i in range(3))
    store.decide(second, "changes_requested", "Ana", "add a source")
    published = submit(store, "Published at once")
    store.approve(published, "Ana")  # consent given: published at once, out of the queue
    model = review_model(store, "es")
    assert list(model.queue) == [first, second, third]
    assert model.queue[second] == f"{second} · {t('review_state_changes_requested', 'es')} · Práctica 1"
    assert dict(model.counts)[t("review_state_published", "es")] == 1
    assert dict(model.counts)[t("review_state_submitted", "es")] == 2
    assert model.every["ref"].tolist() == [published, third, second, first]  # the full list: newest first
    assert model.to_publish == {}


def test_an_approval_without_recorded_consent_waits_for_publication(db_env, store):
    ref = submit(store, "Sin consentimiento", consent=None)
    store.approve(ref, "Ana")
    model = review_model(store, "en")
    assert model.queue == {} and model.to_publish == {ref: f"{ref} · Sin consentimiento"}


def test_a_hostile_title_is_kept_as_plain_text_and_contacts_are_never_shown(db_env, store, tmp_path):
    ingest(write(tmp_path, "export.csv", GOOD + [HOSTILE]), store)
    ref = submit(store, TITLE)
    model = review_model(store, "en")
    detail = submission_detail(store, ref, "en")
    assert model.every.set_index("ref").loc[ref, "title"] == TITLE  # in a table: data, never Markdown
    assert TITLE[:80] in model.queue[ref]
    values = dict(zip(detail.record["field"], detail.record["value"]))
    assert values["Title"] == TITLE and values["Summary"] == "<b>not bold</b>"
    assert model.refused["values"].str.contains("<script>alert(1)</script>", regex=False).any()  # literally
    shown = everything(model, detail, *(submission_detail(store, r, "en") for r in model.queue))
    for contact in CONTACTS:
        assert contact not in shown
    assert t("submit_field_contact_email") not in values and t("submit_field_submitter_name") not in values


def test_a_submission_reads_in_the_reviewers_language_with_its_history(db_env, store):
    ref = submit(store, "Programa")
    store.decide(ref, "changes_requested", "Ana (token)", "Falta una fuente")
    detail = submission_detail(store, ref, "es")
    values = dict(zip(detail.record["field"], detail.record["value"]))
    assert values[t("submit_field_countries", "es")] == "Colombia, Perú"
    assert values[t("submit_field_objectives", "es")].startswith("4 · ")
    assert values[t("submit_field_actor_type", "es")] == t("practices_actor_civil_society", "es")
    assert values[t("submit_field_consent", "es")] == t("review_consent_yes", "es")
    assert detail.history["state"].tolist() == [t("review_state_submitted", "es"),
                                                t("review_state_changes_requested", "es")]
    assert detail.history.iloc[1][["by", "note"]].tolist() == ["Ana (token)", "Falta una fuente"]
    assert headers(detail.history, "es")["note"] == t("review_col_note", "es")
    assert submission_detail(store, "GCM-0000-0000", "es") is None


def test_only_approval_goes_without_a_note(db_env, store):
    decisions = {d.action: d for d in review_model(store, "en").decisions}
    assert list(decisions) == ["approved", "changes_requested", "rejected"]
    assert not decisions["approved"].needs_note and decisions["approved"].primary
    assert decisions["changes_requested"].needs_note and decisions["rejected"].needs_note
    assert {d.key for d in decisions.values()} == {"review_approve", "review_changes", "review_reject"}


def test_an_upload_summary_counts_and_lists_the_refused_lines(db_env, store, tmp_path):
    result = ingest(write(tmp_path, "export.csv", GOOD + [HOSTILE]), store)
    summary = ingest_summary(result, "en")
    assert summary.message == t("review_ingest_result", submitted=2, quarantined=1, duplicates=0)
    assert summary.problems["line"].tolist() == [4] and "Countries" in summary.problems["problem"].iloc[0]
    again = ingest_summary(ingest(write(tmp_path, "export.csv", GOOD), store), "en")
    assert again.message == t("review_ingest_result", submitted=0, quarantined=0, duplicates=2)
    assert len(again.problems) == 2
