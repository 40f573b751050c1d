"""The practices page: the published practices a search and the filters let through, and one practice in detail.

Practice text comes from public submissions: the detail keeps it as plain text for st.text and
st.dataframe (the title too), and the only Markdown it holds (a language name) is escaped here.
Source links are only http(s) URLs; anything else is kept as text, never as a link.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import pandas as pd

from gcm.i18n import LANG_NAMES, translator
from practices.record import country_options, guiding_principles
from gcm.queries.practices import load_practice, load_practice_countries, load_practice_objectives, load_practices
from gcm.queries.reference import country_names, load_objectives
from gcm.safe import escape_markdown, link_host
from gcm.search import LEVELS, ROLES, actor_classes, filter_practices, search_practices, split_source_urls, status_class

VERIFIED = ("yes", "partial")
TABLE_COLUMNS = ("id", "title", "countries", "objectives", "year", "actor", "status")
SUBMITTED_FIELDS = ("partners", "target_group", "results", "lessons", "replicability")  # shown when filled in
DEFAULT_YEARS = (1990, 2025)  # the slider's span when no practice has a known start year


@dataclass(frozen=True)
class PracticeCatalogue:
    """Every published practice's title (to name and check the one in the URL) and the span of start years."""

    titles: dict[str, str]
    years: tuple[int, int]


@dataclass(frozen=True)
class PracticeList:
    """The practices found, as the results table (also the download), with the headline counts."""

    table: pd.DataFrame  # TABLE_COLUMNS, all text: ids, titles, names in the reader's language
    headers: dict[str, str]  # column -> its heading in the reader's language
    found: str  # "12 of 58"
    countries: int  # countries involved in the practices found
    objectives: int  # objectives the practices found cover
    note: str = ""  # says the titles are the dashboard's translations (empty when none is)

    @property
    def ids(self) -> list[str]:
        return self.table["id"].tolist()


@dataclass(frozen=True)
class Field:
    """A labelled field of the detail, shown as plain text; `note` is a caption between label and text."""

    label: str
    text: str
    note: str = ""


@dataclass(frozen=True)
class PracticeDetail:
    """One published practice as the detail view shows it."""

    practice_id: str
    title: str  # plain text (st.text): submitted titles are never Markdown
    submitted: bool  # a reviewed submission (not from the fact sheet)
    facts: tuple[tuple[str, str], ...]  # (label, value): year, level, status, verification
    fields: tuple[Field, ...]  # summary, original name, actors, then what submissions add
    countries: pd.DataFrame  # country, role: in the reader's language
    checks: tuple[Field, ...]  # the fact sheet's status and verification notes (none for submissions)
    objectives: pd.DataFrame  # objective, primary, rationale
    links: pd.DataFrame  # host, url: http(s) sources only, each with the host it really leads to
    other_sources: tuple[str, ...]  # sources that are not web addresses: shown as text, never linked


def _filled(value: object) -> bool:
    """Whether a field holds text (fact-sheet and submitted practices leave different fields empty)."""
    return isinstance(value, str) and value.strip() != ""


def _objective_names(lang: str) -> dict[int, str]:
    objectives = load_objectives()
    return dict(zip(objectives["objective_id"].astype(int), objectives[f"short_{lang}"]))


def _objective_label(objective_id: object, names: dict[int, str]) -> str:
    return f"{objective_id} · {names.get(int(objective_id), objective_id)}"


def world_country_names(lang: str) -> dict[str, str]:
    """Names of every country, in `lang`: practices involve partners beyond the dashboard's 35."""
    return dict(country_options(lang)) | country_names(lang)


def practice_catalogue(lang: str = "en") -> PracticeCatalogue:
    """The titles of every published practice (in `lang` where translated) and the span of their known start years."""
    every = load_practices(lang=lang)
    known = pd.to_numeric(every["year_start"], errors="coerce").dropna().astype(int)
    years = (int(known.min()), int(known.max())) if len(known) else DEFAULT_YEARS
    return PracticeCatalogue(titles=dict(zip(every["practice_id"], every["title"])), years=years)


def practice_list(objective: int | None, countries: Sequence[str], query: str, actors: Sequence[str],
                  levels: Sequence[str], statuses: Sequence[str], years: tuple[int, int], unknown_year: bool,
                  lang: str) -> PracticeList:
    """The published practices of the shared filters that match `query` (accents, case ignored) and the filters."""
    tr = translator(lang)
    total = len(load_practices())
    chosen = load_practices(objective, countries, lang)
    found = filter_practices(search_practices(chosen, query), actors, levels, statuses, years, unknown_year)
    names = world_country_names(lang)
    objective_names = _objective_names(lang)
    table = pd.DataFrame({
        "id": found["practice_id"],
        "title": found["title"],
        "countries": [", ".join(names.get(c, c) for c in cs) for cs in found["countries"]],
        "objectives": ["; ".join(_objective_label(o, objective_names) for o in os) for os in found["objectives"]],
        "year": ["–" if pd.isna(y) else str(int(y)) for y in found["year_start"]],
        "actor": [", ".join(tr(f"practices_actor_{c}") for c in actor_classes(a)) for a in found["actor_type"]],
        "status": [tr(f"practices_status_{status_class(s)}") for s in found["practice_status"]],
    }, columns=list(TABLE_COLUMNS)).reset_index(drop=True)
    return PracticeList(
        table=table,
        headers={c: tr(f"practices_col_{c}") for c in TABLE_COLUMNS},
        found=tr("practices_found_of", n=len(found), total=total),
        countries=len({c for cs in found["countries"] for c in cs}),
        objectives=len({o for os in found["objectives"] for o in os}),
        note=tr("practices_translated_list") if found["translated"].any() else "",
    )


def practice_detail(practice_id: str, lang: str) -> PracticeDetail | None:
    """The detail of one published practice, or None when no published practice has that id."""
    detail = load_practice(practice_id, lang)
    if detail.empty:
        return None
    tr = translator(lang)
    p = detail.iloc[0]
    submitted = p.get("source_file") == "submissions"
    year = tr("practices_year_unknown") if pd.isna(p["year_start"]) else str(int(p["year_start"]))
    if not pd.isna(p.get("year_end")):
        year = f"{year}–{int(p['year_end'])}"
    level = tr(f"practices_level_{p['level']}") if p["level"] in LEVELS else str(p["level"])
    verified = str(p["verified"]).lower() if _filled(p["verified"]) else ""
    facts = (
        (tr("practices_col_year"), year),
        (tr("practices_filter_level"), level),
        (tr("practices_col_status"),
         tr(f"practices_status_{status_class(p['practice_status'])}") if _filled(p["practice_status"]) else "–"),
        (tr("practices_verification"), tr(f"practices_verified_short_{verified}") if verified in VERIFIED else "–"),
    )

    def text(name: str) -> str:
        return p[name] if _filled(p.get(name)) else "–"

    # Summaries are not machine-translated: a translation is the dashboard team's and says so, with the
    # original beside it; otherwise say in which language one is written when it is not the reader's.
    language = str(p["language"] or "en")
    if p["translated"]:
        note = tr("practices_translated_note")
    else:
        note = "" if language == lang else tr(
            "practices_summary_language_submitted" if submitted else "practices_summary_language",
            language=tr(f"practices_lang_{language}") if language in LANG_NAMES else escape_markdown(language))
    fields = [Field(tr("practices_summary"), text("summary"), note)]
    if p["translated"]:
        fields.append(Field(tr("practices_original_text"), f"{p['title_source']}\n\n{p['summary_source']}"))
    if not submitted:
        fields.append(Field(tr("practices_original_name"), text("original_name")))
    fields.append(Field(tr("practices_actors"), text("actors")))
    fields += [Field(tr(f"submit_field_{name}"), p[name]) for name in SUBMITTED_FIELDS if _filled(p.get(name))]
    if _filled(p.get("guiding_principles")):
        principles = guiding_principles()
        principle_names = dict(zip(principles["principle_id"], principles[f"name_{lang}"]))
        fields.append(Field(tr("submit_field_guiding_principles"),
                            ", ".join(principle_names.get(g, g) for g in p["guiding_principles"].split("; "))))
    checks = () if submitted else (
        Field(tr("practices_status_detail"), text("practice_status")),
        Field(tr("practices_verification"), tr(f"practices_verified_{verified}") if verified in VERIFIED
              else str(p["verified"]) if _filled(p["verified"]) else "–"),
    )
    names = world_country_names(lang)
    places = load_practice_countries(practice_id)
    tags = load_practice_objectives(practice_id)
    objective_names = _objective_names(lang)
    links, others = split_source_urls(p["source_urls"])
    return PracticeDetail(
        practice_id=practice_id,
        title=p["title"],
        submitted=submitted,
        facts=facts,
        fields=tuple(fields),
        countries=pd.DataFrame({
            "country": [names.get(c, c) for c in places["country_iso3"]],
            "role": [tr(f"practices_role_{r}") if r in ROLES else str(r) for r in places["role"]],
        }),
        checks=checks,
        objectives=pd.DataFrame({
            "objective": [_objective_label(o, objective_names) for o in tags["objective_id"]],
            "primary": tags["is_primary"].astype(bool),
            "rationale": tags["rationale"].fillna(""),
        }),
        links=pd.DataFrame({"host": [link_host(u) for u in links], "url": links}, columns=["host", "url"]),
        other_sources=tuple(others),
    )
