"""A practice submission: its fields, their validation, references and duplicate detection.

One definition serves the "Submit a practice" form and `python -m etl ingest-practices`, so a
row of a form export and a form entry are held to the same rules. Field kinds, sizes and which
are required live in data/reference/practice_fields.csv; limits in data/submissions.toml.
Validation never rewrites what people wrote: text is kept exactly as given (only the spaces
around it are trimmed), and is refused, with the field and the reason, when it cannot be kept.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import re
import secrets
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Iterable, Mapping

import pandas as pd

from common.countries import (display_name, full_name, is_country_code, iso3_codes, name_to_iso3, pseudo_codes,
                              scope_codes, usual_names)
from common.i18n import LANG_NAMES, t
from common.paths import DATA_DIR, REFERENCE_DIR
from common.text import SAFE_URL, fold

LANGUAGES = tuple(LANG_NAMES)
LEVELS = ("national", "subnational", "regional")
PRACTICE_STATUSES = ("ongoing", "in_force", "ended")
# Actor classes in display order; each maps to an i18n key `practices_actor_<class>`. The practices
# page groups the fact sheet's free-text actor types into the same classes (gcm.search.actor_classes).
ACTOR_CLASSES = ("government_national", "government_subnational", "civil_society",
                 "international_organisation", "regional_body", "judiciary", "private_sector", "other")
# How a class is written in the practices table, in the fact sheet's words, so one parser
# (gcm.search.actor_classes / status_class) reads fact-sheet and submitted practices alike.
ACTOR_TEXT = {
    "government_national": "government (national)",
    "government_subnational": "government (subnational)",
    "civil_society": "civil society",
    "international_organisation": "international organisation",
    "regional_body": "regional body",
    "judiciary": "judiciary",
    "private_sector": "private sector",
    "other": "other",
}
STATUS_TEXT = {"ongoing": "ongoing", "in_force": "in force", "ended": "ended"}
YES = {"yes", "y", "true", "1", "x", "si", "sim", "oui", "consent", "agreed", "acepto", "aceito"}
NO = {"no", "n", "false", "0", "nao"}
EMAIL = re.compile(r"^[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[^@\s<>\"'(),;:.]+$")
# C0 and C1 control characters other than tab and line breaks: they cannot be shown or exported.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
REF_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O or U
REF_PATTERN = re.compile(r"^GCM-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
FIRST_YEAR = 1945


@dataclass(frozen=True)
class FieldSpec:
    """One field of a practice record, as data/reference/practice_fields.csv describes it."""

    name: str
    kind: str
    required: bool
    max_chars: int
    max_items: int | None
    ingest_column: str


@dataclass(frozen=True)
class FieldError:
    """A problem with one field: an i18n code (`submit_err_<code>`) and the values it names."""

    field: str
    code: str
    params: tuple[tuple[str, Any], ...] = ()

    def message(self, lang: str = "en") -> str:
        """The problem in `lang`, with the field's label: "Title: required"."""
        return f"{t(f'submit_field_{self.field}', lang)}: {t(f'submit_err_{self.code}', lang, **dict(self.params))}"

    def public_reason(self) -> str:
        """The problem without the values it names ("Countries: unknown country"): safe to publish."""
        return f"{t(f'submit_field_{self.field}', 'en')}: {self.code.replace('_', ' ')}"


@dataclass
class Checked:
    """A validated record (only when there are no errors) and the errors found."""

    record: dict[str, Any] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def by_field(self) -> dict[str, list[FieldError]]:
        out: dict[str, list[FieldError]] = {}
        for e in self.errors:
            out.setdefault(e.field, []).append(e)
        return out


@lru_cache(maxsize=None)
def field_specs() -> dict[str, FieldSpec]:
    """The record's fields in form order."""
    frame = pd.read_csv(REFERENCE_DIR / "practice_fields.csv", dtype=str, keep_default_na=False)
    return {
        r.field: FieldSpec(r.field, r.kind, r.required == "true", int(r.max_chars),
                           int(r.max_items) if r.max_items else None, r.ingest_column)
        for r in frame.itertuples()
    }


@lru_cache(maxsize=None)
def settings() -> dict[str, Any]:
    """data/submissions.toml: rate limit, review, ingest and duplicate settings."""
    with open(DATA_DIR / "submissions.toml", "rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=None)
def guiding_principles() -> pd.DataFrame:
    """The GCM's ten guiding principles with their names in en/es/pt."""
    return pd.read_csv(REFERENCE_DIR / "guiding_principles.csv", dtype=str, keep_default_na=False)


@lru_cache(maxsize=None)
@lru_cache(maxsize=8)
def country_options(lang: str) -> tuple[tuple[str, str], ...]:
    """(ISO3, name in `lang`) for the form: the dashboard's countries first, then every other country.

    The names are the ones the rest of the app shows (the reference's usual Spanish and Portuguese
    names, pycountry's short names otherwise); where two short names are the same ('Congo', 'Corea'),
    both get their whole name, so no two choices read alike."""
    codes = [c for c in iso3_codes() if is_country_code(c) and c not in pseudo_codes()]
    usual = usual_names(lang)
    short = {c: usual.get(c) or display_name(c, lang) for c in codes}
    counts = Counter(short.values())
    names = {c: full_name(c, lang) if counts[n] > 1 and c not in usual else n for c, n in short.items()}
    ours = scope_codes()

    def named(group: Iterable[str]) -> list[tuple[str, str]]:
        return sorted(((c, names[c]) for c in group), key=lambda p: fold(p[1]))

    return tuple(named(c for c in codes if c in ours) + named(c for c in codes if c not in ours))


def _label_index(keys: Iterable[str], i18n_prefix: str | None, extra: Mapping[str, str] = {}) -> dict[str, str]:
    """Folded key, label in every language and extra aliases -> key."""
    index: dict[str, str] = {}
    for key in keys:
        index[_fold_token(key)] = key
        if i18n_prefix:
            for lang in LANGUAGES:
                index.setdefault(_fold_token(t(f"{i18n_prefix}{key}", lang)), key)
    for alias, key in extra.items():
        index.setdefault(_fold_token(alias), key)
    return index


def _fold_token(text: object) -> str:
    """Folded text with punctuation as spaces: 'Gobierno (nacional)' -> 'gobierno nacional'."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text).replace("_", " ")).split())


@lru_cache(maxsize=None)
def _choices() -> dict[str, dict[str, str]]:
    principles = guiding_principles()
    principle_names = {n: r.principle_id for r in principles.itertuples() for n in (r.name_en, r.name_es, r.name_pt)}
    languages = {"english": "en", "ingles": "en", "spanish": "es", "espanol": "es", "castellano": "es",
                 "espanhol": "es", "portuguese": "pt", "portugues": "pt"}
    return {
        "actor_type": _label_index(ACTOR_CLASSES, "practices_actor_", {v: k for k, v in ACTOR_TEXT.items()}),
        "level": _label_index(LEVELS, "practices_level_"),
        "practice_status": _label_index(PRACTICE_STATUSES, "practices_status_", {"in force": "in_force"}),
        "language": _label_index(LANGUAGES, None, languages),
        "principles": _label_index(principles["principle_id"], None, principle_names),
    }


def _items(value: object, separators: str = ";") -> list[str]:
    """A `;`-separated cell, or a list from the form, as a list of trimmed non-empty strings."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    parts = value if isinstance(value, (list, tuple)) else re.split(f"[{separators}]+", str(value))
    return [str(p).strip() for p in parts if str(p).strip()]


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def check(raw: Mapping[str, Any], *, require_consent: bool = False, today: date | None = None) -> Checked:
    """Validate a submission (form values or an ingested row) field by field.

    Lists may come as Python lists (the form) or `;`-separated text (files). Every problem is
    reported, not just the first, so a submitter can fix them all at once.
    """
    this_year = (today or date.today()).year
    out = Checked()
    rec: dict[str, Any] = {}

    def err(name: str, code: str, **params: Any) -> None:
        out.errors.append(FieldError(name, code, tuple(params.items())))

    for spec in field_specs().values():
        value = raw.get(spec.name)
        text = _text(value) if not isinstance(value, (list, tuple, bool)) else ""
        items = (_items(value, r";\s") if spec.kind == "links" else _items(value)
                 if spec.kind in {"countries", "objectives", "principles"} else [])
        raw_len = len(text) if text else len("; ".join(items))
        if spec.kind == "consent":
            rec[spec.name] = _consent(value, require_consent, err)
            continue
        if spec.required and not text and not items:
            err(spec.name, "required")
            continue
        if raw_len > spec.max_chars:
            err(spec.name, "too_long", max=spec.max_chars, n=raw_len)
            continue
        if CONTROL.search(text or "".join(items)):
            err(spec.name, "control_chars")
            continue
        if spec.max_items and len(items) > spec.max_items:
            err(spec.name, "too_many", max=spec.max_items)
            continue
        kind = spec.kind
        if kind in {"text", "longtext"}:
            rec[spec.name] = text or None
        elif kind == "countries":
            codes = []
            for item in items:
                code = name_to_iso3(item)
                if code is None or not is_country_code(code) or code in pseudo_codes():
                    err(spec.name, "unknown_country", value=item[:60])
                elif code not in codes:
                    codes.append(code)
            rec[spec.name] = codes
        elif kind == "objectives":
            numbers: list[int] = []
            for item in items:
                n = int(item) if re.fullmatch(r"\d{1,2}", item) else None
                if n is None or not 1 <= n <= 23:
                    err(spec.name, "bad_objective", value=item[:20])
                elif n not in numbers:
                    numbers.append(n)
            rec[spec.name] = numbers
        elif kind == "year":
            year = _year(text)
            if text and year is None:
                err(spec.name, "bad_year", value=text[:20])
            elif year is not None and not FIRST_YEAR <= year <= this_year + (0 if spec.name == "year_start" else 30):
                err(spec.name, "year_range", first=FIRST_YEAR,
                    last=this_year if spec.name == "year_start" else this_year + 30)
            rec[spec.name] = year
        elif kind == "email":
            if not EMAIL.match(text):
                err(spec.name, "bad_email")
            rec[spec.name] = text
        elif kind == "links":
            for item in items:
                if not SAFE_URL.match(item) or len(item) > 500:
                    err(spec.name, "bad_link", value=item[:60])
            rec[spec.name] = items
        elif kind == "principles":
            ids = []
            for item in items:
                pid = _choices()["principles"].get(_fold_token(item))
                if pid is None:
                    err(spec.name, "bad_choice", value=item[:60])
                elif pid not in ids:
                    ids.append(pid)
            rec[spec.name] = ids
        else:  # a single choice: actor_type, level, practice_status, language
            key = _choices()[kind].get(_fold_token(text)) if text else None
            if text and key is None:
                err(spec.name, "bad_choice", value=text[:60])
            rec[spec.name] = key
    if not out.errors and rec.get("year_end") is not None and rec["year_end"] < rec["year_start"]:
        err("year_end", "year_order")
    if out.errors:
        return Checked({}, out.errors)
    if not rec.get("level"):
        rec["level"] = "regional" if len(rec["countries"]) > 1 else "national"
    return Checked(rec, [])


def _year(text: str) -> int | None:
    if re.fullmatch(r"\d{4}(\.0)?", text):
        return int(float(text))
    return None


def _consent(value: object, required: bool, err) -> bool | None:
    """True, or None when a file does not record consent; a 'no' is an error (nothing to publish)."""
    if isinstance(value, bool):
        given: bool | None = value
    else:
        text = _fold_token(value)
        given = True if text in YES else False if text in NO else None
        if text and given is None:
            err("consent", "bad_consent", value=str(value)[:20])
            return None
    if given is False or (required and given is None):
        err("consent", "no_consent")
    return given


def reference_for(record: Mapping[str, Any] | None = None) -> str:
    """A reference number such as GCM-7K3M-9QXA: random for the form, from the content for a file row.

    A file row's reference is a digest of its content, so ingesting the same file twice finds the
    rows already there instead of adding them again.
    """
    if record is None:
        digits = [secrets.choice(REF_ALPHABET) for _ in range(8)]
    else:
        blob = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode()
        n = int.from_bytes(hashlib.sha256(blob).digest()[:5], "big")
        digits = [REF_ALPHABET[(n >> (5 * i)) & 31] for i in range(8)]
    return f"GCM-{''.join(digits[:4])}-{''.join(digits[4:])}"


def title_key(title: object) -> str:
    """A title folded for duplicate detection: no accents, case, punctuation or repeated spaces."""
    return _fold_token(title)


def likely_duplicate(title: str, countries: Iterable[str], existing: pd.DataFrame) -> str | None:
    """The id of an existing practice of one of the same countries with a near-identical title, or None.

    `existing` has columns practice_id, title, countries (list of ISO3).
    """
    if existing.empty:
        return None
    key = title_key(title)
    wanted = set(countries)
    threshold = float(settings()["duplicates"]["title_similarity"])
    for pid, other, places in zip(existing["practice_id"], existing["title"], existing["countries"]):
        if wanted and not wanted & set(places):
            continue
        other_key = title_key(other)
        if other_key == key or difflib.SequenceMatcher(None, key, other_key).ratio() >= threshold:
            return str(pid)
    return None


PRIVATE_FIELDS = ("submitter_name", "contact_email")


def public_view(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record without the submitter's contact details, for the warehouse and every page."""
    return {k: v for k, v in record.items() if k not in PRIVATE_FIELDS}
