"""Searching and filtering practices: pure pandas, no Streamlit, no SQL.

Search ignores accents and case ("migracion" finds "Migración", "migracao" finds "Migração") and
needs every word of the query somewhere in the practice's id, title, original name, summary,
actors or partners, in any of the three languages: the fact sheet's English and the dashboard's
Spanish and Portuguese translations ("trata" finds what "trafficking" finds). A word is found as
written or by its stem (the Snowball stemmers of Spanish, Portuguese and English, each comparing
words it stemmed itself): "retorno" finds "retornadas", "returned" finds "returnees".
Actor types and statuses are free text in the fact sheet; they are grouped into a few classes here
so they can be filtered on.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Sequence

import pandas as pd
import snowballstemmer

from common.text import SAFE_URL, fold
from gcm.safe import link_host
# Actor classes in display order (each has an i18n key `practices_actor_<class>`): a submission's
# vocabulary, defined with the record; the practices page filters on it.
from practices.record import ACTOR_CLASSES  # noqa: F401

# Translations ride along with each practice as title_es, summary_es, title_pt, summary_pt; once a frame
# is shown in one language (in_language), the fact sheet's own text is in title_source and summary_source.
TRANSLATED_FIELDS = ("title", "summary")
TRANSLATIONS = ("es", "pt")
SEARCH_FIELDS = ("practice_id", "title", "original_name", "summary", "actors", "partners", "title_source",
                 "summary_source") + tuple(f"{f}_{lang}" for lang in TRANSLATIONS for f in TRANSLATED_FIELDS)

STATUS_CLASSES = ("ongoing", "in_force", "ended", "unverified", "other")
LEVELS = ("national", "subnational", "regional")
# A country's role in a practice (practice_countries.role); each has an i18n key `practices_role_<role>`.
ROLES = ("implementer", "member", "partner", "beneficiary", "requester", "origin", "operating_in")


STEMMERS = {"es": "spanish", "pt": "portuguese", "en": "english"}
WORD_RE = re.compile(r"\w+")


def search_terms(query: str) -> list[str]:
    """The folded words of a query; quotes and stray punctuation around words are ignored."""
    return [w for w in (part.strip("\"'.,;:()") for part in fold(query).split()) if w]


@lru_cache(maxsize=65536)
def stems(word: str) -> frozenset[str]:
    """A folded word's stems, each tagged with its stemmer's language ('es:retorn'), so a Spanish stem is
    never compared with an English one."""
    return frozenset(f"{lang}:{_stemmer(lang).stemWord(word)}" for lang in STEMMERS)


@lru_cache(maxsize=None)
def _stemmer(lang: str):
    return snowballstemmer.stemmer(STEMMERS[lang])


def search_practices(practices: pd.DataFrame, query: str, fields: Sequence[str] = SEARCH_FIELDS) -> pd.DataFrame:
    """The practices whose searchable text has every word of `query`, as written (part of a word) or by its
    stem (all practices for an empty query)."""
    terms = search_terms(query or "")
    if not terms or practices.empty:
        return practices
    present = [f for f in fields if f in practices.columns]  # partners: submitted practices only
    haystack = practices[present].apply(lambda row: " ".join(fold(v) for v in row), axis=1)
    stemmed = haystack.map(lambda text: frozenset().union(*map(stems, set(WORD_RE.findall(text)))))
    keep = pd.Series(True, index=practices.index)
    for term in terms:
        keep &= haystack.str.contains(term, regex=False) | stemmed.map(stems(term).__and__).astype(bool)
    return practices[keep]


def in_language(practices: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Practices with title and summary in `lang` where the dashboard translated them.

    The fact sheet's text stays in title_source and summary_source (the original, shown beside a
    translation and kept in downloads); `translated` is True on the rows whose text was replaced.
    Practices without a translation (submissions, English readers) keep their own text.
    """
    out = practices.assign(title_source=practices["title"], summary_source=practices["summary"],
                           translated=False)
    if lang not in TRANSLATIONS or f"title_{lang}" not in out.columns or out.empty:
        return out
    title, summary = out[f"title_{lang}"], out[f"summary_{lang}"]
    has = title.map(lambda v: isinstance(v, str) and v.strip() != "") & summary.map(
        lambda v: isinstance(v, str) and v.strip() != "")
    out["title"] = out["title"].where(~has, title)
    out["summary"] = out["summary"].where(~has, summary)
    out["translated"] = has
    return out


def actor_classes(actor_type: object) -> list[str]:
    """Classes of a free-text actor type such as 'government (national); civil society'."""
    found: list[str] = []
    for part in fold(actor_type).split(";"):
        part = part.strip()
        if not part:
            continue
        if part.startswith("government"):
            cls = "government_subnational" if "subnational" in part else "government_national"
        elif part.startswith("civil society"):
            cls = "civil_society"
        elif part.startswith("international organi"):
            cls = "international_organisation"
        elif part.startswith("regional body"):
            cls = "regional_body"
        elif part.startswith(("judiciary", "prosecution")):
            cls = "judiciary"
        elif part.startswith("private sector"):
            cls = "private_sector"
        else:
            cls = "other"
        if cls not in found:
            found.append(cls)
    return found


def status_class(practice_status: object) -> str:
    """The class of a free-text status such as 'ended (applications closed 31 Dec 2018)'."""
    text = fold(practice_status)
    if text.startswith("ongoing"):
        return "ongoing"
    if text.startswith(("in force", "law in force")):
        return "in_force"
    if text.startswith("ended"):
        return "ended"
    if text.startswith("unverified"):
        return "unverified"
    return "other"


def filter_practices(
    practices: pd.DataFrame,
    actors: Iterable[str] = (),
    levels: Iterable[str] = (),
    statuses: Iterable[str] = (),
    years: tuple[int, int] | None = None,
    include_unknown_year: bool = True,
) -> pd.DataFrame:
    """Practices with any of the actor classes, levels and status classes chosen (empty = any), started within `years`."""
    keep = pd.Series(True, index=practices.index)
    actors, levels, statuses = set(actors), set(levels), set(statuses)
    if actors:
        keep &= practices["actor_type"].map(lambda a: bool(actors & set(actor_classes(a))))
    if levels:
        keep &= practices["level"].map(lambda lv: fold(lv) in levels)
    if statuses:
        keep &= practices["practice_status"].map(lambda s: status_class(s) in statuses)
    if years is not None:
        start = pd.to_numeric(practices["year_start"], errors="coerce")
        in_range = start.between(years[0], years[1])
        keep &= in_range | (start.isna() & include_unknown_year)
    return practices[keep]


def split_source_urls(text: object) -> tuple[list[str], list[str]]:
    """Split a ' ; '-separated source list into web links (http/https only) and other entries shown as text."""
    links: list[str] = []
    others: list[str] = []
    raw = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    for part in re.split(r"\s*;\s*|\s+(?=https?://)", raw):
        part = part.strip()
        if not part:
            continue
        (links if SAFE_URL.match(part) and link_host(part) else others).append(part)
    return links, others
