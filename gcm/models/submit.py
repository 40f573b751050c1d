"""The submit page: the form's labels and choices, and what a press of Submit leads to.

A press of Submit gives the messages of every field that needs fixing, in the reader's language,
or the client's rate limit, or a record to store. Messages quote what was typed: the page shows
them escaped. Nothing here stores anything or reads the session.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from gcm.i18n import translator
from practices.record import (LANGUAGES, LEVELS, PRACTICE_STATUSES, FieldSpec, check, country_options,
                                 field_specs, guiding_principles, settings)
from gcm.queries.reference import load_objectives
from gcm.search import ACTOR_CLASSES

OBJECTIVES = tuple(range(1, 24))
# Form-only entries: the objectives are asked as one primary and some others, consent as a box.
FORM_LABELS = {"primary_objective": "submit_field_primary_objective",
               "other_objectives": "submit_field_other_objectives", "consent": "submit_consent_box"}
REQUIRED_FORM_ENTRIES = ("primary_objective", "consent")


@dataclass(frozen=True)
class SubmitForm:
    """The form's labels (a required field's ends in ' *'), sizes and choices (key -> label), in one language."""

    labels: dict[str, str]
    specs: dict[str, FieldSpec]  # sizes: max_chars, max_items
    countries: dict[str, str]  # ISO3 -> name: the dashboard's countries first, then every other
    objectives: dict[int, str]  # 1..23 -> "4 · Documents"
    principles: dict[str, str]
    levels: dict[str, str]
    statuses: dict[str, str]
    languages: dict[str, str]
    actor_types: dict[str, str]
    language: str  # the choice the form starts with: the reader's language


@dataclass(frozen=True)
class Attempt:
    """What a press of Submit leads to: messages by field, a rate-limit message, or a record to store."""

    errors: dict[str, list[str]]  # field -> its messages (they quote what was typed: show them escaped)
    limited: str  # the rate limit's message, "" when not limited
    record: dict[str, Any] | None  # the validated record, when it can be stored now
    recent: tuple[float, ...]  # this session's submission times still inside the window

    @property
    def error_count(self) -> int:
        return sum(len(v) for v in self.errors.values())


def submit_form(lang: str) -> SubmitForm:
    """The form's labels and choices in `lang`."""
    tr = translator(lang)
    specs = field_specs()
    labels = {name: tr(f"submit_field_{name}") + (" *" if spec.required else "") for name, spec in specs.items()}
    for name, key in FORM_LABELS.items():
        labels[name] = tr(key) + (" *" if name in REQUIRED_FORM_ENTRIES else "")
    objectives = load_objectives()
    short = dict(zip(objectives["objective_id"].astype(int), objectives[f"short_{lang}"]))
    principles = guiding_principles()
    return SubmitForm(
        labels=labels,
        specs=specs,
        countries=dict(country_options(lang)),
        objectives={o: f"{o} · {short.get(o, o)}" for o in OBJECTIVES},
        principles=dict(zip(principles["principle_id"], principles[f"name_{lang}"])),
        levels={v: tr(f"practices_level_{v}") for v in LEVELS},
        statuses={v: tr(f"practices_status_{v}") for v in PRACTICE_STATUSES},
        languages={v: tr(f"practices_lang_{v}") for v in LANGUAGES},
        actor_types={v: tr(f"practices_actor_{v}") for v in ACTOR_CLASSES},
        language=lang,
    )


def form_record(values: Mapping[str, Any]) -> dict[str, Any]:
    """The form's widget values (by field name) as a record to check: one objectives list, links, years as text."""
    values = dict(values)
    primary = values.pop("primary_objective", None)
    others = [o for o in values.pop("other_objectives", None) or [] if o != primary]
    values["objectives"] = ([str(primary)] if primary else []) + [str(o) for o in others]
    values["links"] = str(values.get("links") or "").split()
    for year in ("year_start", "year_end"):
        values[year] = None if values.get(year) is None else str(int(values[year]))
    values["consent"] = bool(values.get("consent"))
    return values


def submit_attempt(values: Mapping[str, Any], lang: str, times: Sequence[float], now: float) -> Attempt:
    """Check the form's values; then hold to the rate limit (`times`: this client's earlier submissions, from the database)."""
    limits = settings()["rate_limit"]
    window = limits["window_minutes"] * 60
    recent = tuple(s for s in times if now - s < window)
    checked = check(form_record(values), require_consent=True)
    if not checked.ok:
        errors: dict[str, list[str]] = {}
        for err in checked.errors:
            errors.setdefault(err.field, []).append(err.message(lang))
        return Attempt(errors, "", None, recent)
    if len(recent) >= limits["max_submissions"]:
        wait = int((window - (now - recent[0])) // 60) + 1
        return Attempt({}, translator(lang)("submit_rate_limited", n=limits["max_submissions"], minutes=wait),
                       None, recent)
    return Attempt({}, "", checked.record, recent)
