"""The review page: the queue, one submission's public fields and history, the decisions, an upload's summary.

What a reviewer reads is plain text for tables (st.dataframe): submitted text is never Markdown or
HTML here. Contact details (practices.record.PRIVATE_FIELDS) never leave the store: no table or
label built here holds them. Who may review is decided in practices.review_access, not here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from gcm.i18n import t, translator
from practices.record import PRIVATE_FIELDS, country_options, field_specs, guiding_principles
from practices.store import PENDING, STATES, TRANSITIONS, Store
from gcm.queries.reference import load_objectives

TITLE_CHARS = 80  # of a title in the choice of a submission
LIVE = ("published", "unpublished", "taken_down")  # states of a practice that was once public
LIFECYCLE_LABELS = {"unpublished": "review_unpublish", "taken_down": "review_take_down", "published": "review_republish"}
# Choices are stored as keys; they are shown as the form shows them, in the reviewer's language.
CHOICE_LABELS = {"actor_type": "practices_actor_", "level": "practices_level_", "practice_status": "practices_status_",
                 "language": "practices_lang_"}
# Every column of the page's tables -> its heading's i18n key.
HEADERS = {"field": "review_col_field", "value": "review_col_value", "state": "review_col_state", "by": "review_col_by",
           "at": "review_col_at", "note": "review_col_note", "ref": "review_col_ref", "title": "practices_col_title",
           "submitted": "review_col_submitted", "origin": "review_col_origin", "file": "review_col_file",
           "line": "review_col_line", "problem": "review_col_problem", "values": "review_col_values"}


@dataclass(frozen=True)
class Decision:
    """A decision a reviewer can take on a submission in the queue: its button and whether it needs a note."""

    action: str  # the state the submission moves to
    label: str
    key: str  # the button's widget key
    needs_note: bool
    primary: bool


@dataclass(frozen=True)
class ReviewModel:
    """Everything the review page lists, with no contact detail anywhere."""

    counts: tuple[tuple[str, int], ...]  # (state's name, how many submissions are in it), every state
    queue: dict[str, str]  # ref -> its choice label, submitted and changes requested, oldest first
    to_publish: dict[str, str]  # ref -> its choice label, approved but waiting for a reviewer to publish
    live: dict[str, str]  # ref -> its choice label: published, unpublished or taken down
    decisions: tuple[Decision, ...]
    every: pd.DataFrame  # ref, title, state, submitted, origin: newest first
    refused: pd.DataFrame  # file, line, problem, values: refused rows of ingested files, newest first
    damaged: tuple[str, ...]  # references whose stored record cannot be read


@dataclass(frozen=True)
class SubmissionDetail:
    """One submission as a reviewer reads it: its public fields and its history."""

    ref: str
    state: str
    version: int  # what the reviewer saw: a decision on an older version is refused
    record: pd.DataFrame  # field, value: plain text, every public field that is filled in
    history: pd.DataFrame  # state, by, at, note: oldest first


@dataclass(frozen=True)
class IngestSummary:
    """What an uploaded form export gave: counts, and a row per refused or duplicate line."""

    message: str
    problems: pd.DataFrame  # line, problem


def state_name(state: str, lang: str) -> str:
    """A review state's name in `lang`."""
    return t(f"review_state_{state}", lang)


def headers(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """The headings of a table of the review page's, in `lang`."""
    return {column: t(HEADERS[column], lang) for column in frame.columns}


def _time(stamp: str) -> str:
    return stamp[:19].replace("T", " ")


def _title(record: Mapping[str, Any]) -> str:
    return str(record.get("title"))[:TITLE_CHARS]


def review_model(store: Store, lang: str) -> ReviewModel:
    """The store's submissions and refused rows as the review page lists them."""
    tr = translator(lang)
    subs = store.submissions()  # oldest first
    refused = store.quarantined()
    return ReviewModel(
        counts=tuple((state_name(s, lang), sum(sub.state == s for sub in subs)) for s in STATES),
        queue={s.ref: f"{s.ref} · {state_name(s.state, lang)} · {_title(s.record)}"
               for s in subs if s.state in PENDING},
        to_publish={s.ref: f"{s.ref} · {_title(s.record)}" for s in subs if s.state == "approved"},
        live={s.ref: f"{s.ref} · {state_name(s.state, lang)} · {_title(s.record)}" for s in subs if s.state in LIVE},
        decisions=(
            Decision("approved", tr("review_approve"), "review_approve", needs_note=False, primary=True),
            Decision("changes_requested", tr("review_request_changes"), "review_changes", needs_note=True,
                     primary=False),
            Decision("rejected", tr("review_reject"), "review_reject", needs_note=True, primary=False),
        ),
        every=pd.DataFrame([{
            "ref": s.ref, "title": str(s.record.get("title")), "state": state_name(s.state, lang),
            "submitted": _time(s.submitted_at), "origin": s.origin,
        } for s in reversed(subs)]),
        refused=pd.DataFrame([{
            "file": r.get("file"), "line": r.get("line"), "problem": "; ".join(r.get("reasons") or []),
            "values": " | ".join(f"{k}={v}" for k, v in (r.get("raw") or {}).items() if v),
        } for r in reversed(refused)]),
        damaged=tuple(store.damaged()),
    )


def lifecycle_decisions(state: str, lang: str) -> tuple[Decision, ...]:
    """What a reviewer can do with a practice that was published: unpublish, take down, publish again."""
    return tuple(Decision(target, t(LIFECYCLE_LABELS[target], lang), f"review_life_{target}", needs_note=True,
                          primary=target == "published")
                 for target in ("unpublished", "taken_down", "published") if target in TRANSITIONS.get(state, ()))


def submission_detail(store: Store, ref: str, lang: str) -> SubmissionDetail | None:
    """Every public field of a submission, as plain text, and its history; None if there is no such submission."""
    sub = store.get(ref)
    if sub is None:
        return None
    tr = translator(lang)
    rec = sub.record
    names = dict(country_options(lang))
    principles = guiding_principles().set_index("principle_id")[f"name_{lang}"]
    objectives = load_objectives()
    objective_names = dict(zip(objectives["objective_id"].astype(int), objectives[f"short_{lang}"]))
    rows = []
    for name in field_specs():
        value = rec.get(name)
        if name in PRIVATE_FIELDS or (value in (None, "", []) and name != "consent"):
            continue
        if name == "countries":
            value = ", ".join(names.get(c, c) for c in value)
        elif name == "objectives":
            value = "; ".join(f"{o} · {objective_names.get(int(o), o)}" for o in value)
        elif name == "guiding_principles":
            value = "; ".join(str(principles.get(g, g)) for g in value)
        elif name == "consent":
            value = tr("review_consent_yes") if value else tr("review_consent_unknown")
        elif name in CHOICE_LABELS:
            value = tr(f"{CHOICE_LABELS[name]}{value}")
        elif isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        rows.append({"field": tr(f"submit_field_{name}"), "value": str(value)})
    history = pd.DataFrame([{"state": state_name(h["state"], lang), "by": h["by"], "at": _time(h["at"]),
                             "note": h["note"]} for h in sub.history])
    return SubmissionDetail(ref=sub.ref, state=sub.state, version=sub.version, record=pd.DataFrame(rows),
                            history=history)


def ingest_summary(result: Any, lang: str) -> IngestSummary:
    """An ingest's result (submitted, quarantined, duplicates) as the page reports it."""
    problems = [{"line": line, "problem": "; ".join(reasons)} for line, reasons in result.quarantined]
    problems += [{"line": line, "problem": what} for line, what in result.duplicates]
    message = t("review_ingest_result", lang, submitted=len(result.submitted), quarantined=len(result.quarantined),
                duplicates=len(result.duplicates))
    return IngestSummary(message, pd.DataFrame(problems))
