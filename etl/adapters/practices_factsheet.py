"""Practices fact sheet: the team's 58 LAC migration-governance practices and the GCM endorsement table.

Both files are hand-curated CSVs (CRLF, quoted fields with commas and semicolons). The
`countries_iso3` column is a small free-text grammar (`COL`, `MEX;GTM`, `regional: A; B`,
`BRA (beneficiaries: HTI)`, `MEX (operating in USA)`, ...) that is parsed into one row per
(practice, country) with a role. The endorsement table becomes the yearly policy indicator
`gcm_endorsed` (1 = supports the Compact that year) for 2018-2025.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from common.countries import is_country_code, pseudo_codes, scope_codes
from common.paths import snapshots_dir
from etl.ledger import EtlError, Ledger
from etl.readers import parse_years, quarantine_conflicts, read_source
from etl.schema import conform

SOURCE = "practices-factsheet"
TITLE = "GCM Dashboard practices fact sheet (LAC migration-governance practices and GCM endorsement)"
LICENCE = "Summaries written by the GCM Dashboard team from cited public sources"
FILES = ["practices.csv", "gcm-endorsement.csv"]

PRACTICE_COLUMNS = [
    "id",
    "short_name",
    "original_name",
    "countries_iso3",
    "year_start",
    "actors",
    "actor_type",
    "gcm_objectives",
    "objective_rationale",
    "status",
    "summary",
    "source_url",
    "verified",
]
ENDORSEMENT_COLUMNS = ["iso3", "country", "unga_73_195_vote", "later_changes", "source_url"]

ENDORSED_INDICATOR = "gcm_endorsed"
ENDORSED_YEARS = range(2018, 2026)  # the vote (Dec 2018) through the dashboard's last year

ID_PATTERN = r"^P\d{2,}$"
# Columns of the practices table that only submitted practices fill in.
SUBMISSION_ONLY = ["year_end", "partners", "target_group", "results", "lessons", "replicability",
                   "guiding_principles", "submitted_at", "reviewed_at"]
# Year fields the fact sheet leaves unconfirmed on purpose: a valid row with no year.
YEAR_UNKNOWN = {"", "unverified"}

# Roles for codes named in parentheses, by the words before the first code (checked in order).
PAREN_ROLES = [
    (re.compile(r"beneficiar|users|^for\b"), "beneficiary"),
    (re.compile(r"operating in"), "operating_in"),
    (re.compile(r"origin"), "origin"),
    (re.compile(r"requested by"), "requester"),
    (re.compile(r"with|^and\b|partner"), "partner"),
]
# In a regional row, "(+ESP;AND)" or "(later COL;ECU;PER)" lists further members.
MEMBER_LABELS = re.compile(r"^(\+|later|also)?$")
CODE_TOKEN = re.compile(r"\b[A-Z]{3}\b")
RATIONALE_PART = re.compile(r"(?:^|;)\s*(\d{1,2}(?:\s*/\s*\d{1,2})*)\s*:\s*")

# Vote text -> code, matched on the text before any parenthesis or " - " note, because the
# notes themselves mention "against" and "abstaining" ("in favour (inferred: not among the 5
# against, 12 abstaining ...)").
VOTE_CODES = [
    (re.compile(r"^in fav(ou)?r\b|^yes\b"), "in_favour"),
    (re.compile(r"^against\b|^no\b"), "against"),
    (re.compile(r"^abstain"), "abstained"),
    (re.compile(r"^(did not vote|not voting|non-voting|absent)"), "not_voting"),
]
# later_changes clauses: withdrawals/refusals are checked first because "did not adopt"
# contains "adopt".
CHANGE_OFF = re.compile(r"withdr|dissociat|not to adopt|not adopt|not sign|refus|pulled out|\bleft\b")
CHANGE_ON = re.compile(r"re-?join|\bjoined\b|\bendorsed\b|\badopted\b")
NO_CHANGE = re.compile(r"^\s*(none found|none|no change|no later change)\b|^\s*$", re.IGNORECASE)
YEAR_TOKEN = re.compile(r"\b(19\d{2}|20\d{2})\b")


def run(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    """Staged practices, their objectives and countries, the GCM endorsement table and gcm_endorsed."""
    out = _practices(Path(folder), ledger)
    out.update(_endorsement(Path(folder), ledger))
    return out


def practice_names(folder: Path | None = None) -> pd.DataFrame:
    """The fact sheet's practices as the ingest of submissions compares new rows with them:
    practice_id, title, original_name, countries (a list of ISO3), read from the snapshot as a build
    reads it; no rows when there is no readable snapshot (rows are then compared with the store alone)."""
    try:
        staged = run(folder or snapshots_dir() / SOURCE, Ledger())
    except (OSError, ValueError, EtlError):
        return pd.DataFrame({"practice_id": [], "title": [], "original_name": [], "countries": []})
    sheet, places = staged["practices"], staged["practice_countries"]
    lists = {str(k): [str(c) for c in v] for k, v in places.groupby("practice_id")["country_iso3"]}
    out = sheet[["practice_id", "title", "original_name"]].reset_index(drop=True)
    return out.assign(countries=[lists.get(str(p), []) for p in out["practice_id"]])


# --- practices.csv ------------------------------------------------------------------------


def parse_countries(cell: str) -> tuple[list[tuple[str, str]], str | None]:
    """(code, role) pairs named in a countries_iso3 cell, and a problem description or None.

    Codes in the main list are "implementer" (or "member" after `regional:`); codes in
    parentheses take their role from the words before them. A country named twice keeps its
    first role, so a practice has at most one row per country.
    """
    text = (cell or "").strip()
    regional = bool(re.match(r"(?i)^regional\s*:", text))
    if regional:
        text = text.split(":", 1)[1]
    parens = re.findall(r"\(([^()]*)\)", text)
    main = re.sub(r"\([^()]*\)", " ", text)
    # "DOM..." marks a list the source cut short: the named codes are still valid.
    items = [i.strip().rstrip(".…").strip() for i in main.split(";")]
    items = [i for i in items if i]
    code_like = [bool(re.fullmatch(r"[A-Za-z]{3}", i)) for i in items]
    pairs: list[tuple[str, str]] = []
    if items and all(code_like):
        role = "member" if regional else "implementer"
        pairs += [(i.upper(), role) for i in items]
    elif any(code_like) or (items and not regional):
        # A regional row may name its body instead of members ("regional: OAS / IACHR");
        # anything else that is not a list of codes cannot be attributed.
        return [], "unreadable countries_iso3 list"
    for inner in parens:
        codes = CODE_TOKEN.findall(inner)
        if not codes:
            continue  # "(Michoacán)", "(+others later; 22 endorsers reported)": a note
        label = inner[: inner.index(codes[0])].strip().rstrip(":").strip().lower()
        role = next((r for pat, r in PAREN_ROLES if pat.search(label)), None)
        if role is None:
            role = "member" if regional and MEMBER_LABELS.match(label) else "partner"
        pairs += [(c, role) for c in codes]
    if not pairs and not regional:
        return [], "no country in countries_iso3"
    bad = [c for c, _ in pairs if not is_country_code(c)]
    if any(c in pseudo_codes() for c in bad):
        return [], "pseudo-code in countries_iso3: no country to attribute to"
    if bad:
        return [], "unknown country code in countries_iso3"
    seen: dict[str, str] = {}
    for code, role in pairs:
        seen.setdefault(code, role)
    return list(seen.items()), None


def split_rationale(text: str) -> dict[int, str]:
    """Objective number -> its part of objective_rationale ("4: ...; 5: ..."; "4/5: ..." goes to both)."""
    text = text or ""
    marks = list(RATIONALE_PART.finditer(text))
    out: dict[int, str] = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        part = text[m.end() : end].strip().rstrip(";").strip()
        for num in re.split(r"\s*/\s*", m.group(1)):
            out.setdefault(int(num), part)
    return out


def _practices(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    file = "practices.csv"
    raw = read_source(folder / file, PRACTICE_COLUMNS, ledger, SOURCE)

    # gcm_objectives: "4;5;7", first = main. Every part must be a whole number 1-23.
    obj = raw["gcm_objectives"].str.split(";").explode().str.strip()
    obj = obj[obj != ""]
    obj_num = pd.to_numeric(obj, errors="coerce")
    obj_ok = obj_num.notna() & (obj_num == obj_num.round()) & obj_num.between(1, 23)
    bad_objectives = ~obj_ok.groupby(level=0).all().reindex(raw.index, fill_value=True)
    no_objective = ~raw.index.isin(obj.index)

    year_text = raw["year_start"].str.strip()
    year_unknown = year_text.str.lower().isin(YEAR_UNKNOWN)
    year = parse_years(year_text, 1900)
    # The file is small and countries_iso3 is a mini-language: parse cell by cell.
    parsed = raw["countries_iso3"].map(parse_countries)
    country_problem = parsed.str[1]

    reason = pd.Series(None, index=raw.index, dtype=object)
    reason[year.isna() & ~year_unknown] = "impossible or non-numeric year_start"
    reason[country_problem.notna()] = country_problem[country_problem.notna()]
    reason[bad_objectives] = "GCM objective number outside 1-23 or not a number"
    reason[no_objective] = "no GCM objective"
    reason[raw["short_name"] == ""] = "missing short_name (title)"
    reason[~raw["id"].str.fullmatch(ID_PATTERN)] = "bad practice id (expected P01, P02...)"
    bad = reason.notna()
    ledger.quarantine(SOURCE, file, raw.loc[bad], reason[bad], key_columns=["id"])

    good = raw.loc[~bad]
    good = quarantine_conflicts(good, ["id"], ledger, SOURCE, file)
    ledger.loaded(SOURCE, file, len(good))

    objectives = obj_num[obj_ok].astype(int)
    objectives = objectives[objectives.index.isin(good.index)]
    regional = good["countries_iso3"].str.match(r"(?i)^regional\s*:")
    implementers = parsed[good.index].str[0].map(lambda ps: sum(r == "implementer" for _, r in ps))
    level = pd.Series("national", index=good.index, dtype=object)
    level[good["actor_type"].str.contains("government (subnational)", regex=False)] = "subnational"
    level[regional | (implementers > 1)] = "regional"

    practices = pd.DataFrame(
        {
            "practice_id": good["id"],
            "title": good["short_name"],
            "original_name": good["original_name"],
            "countries_text": good["countries_iso3"],
            "year_start": year[good.index],
            "actors": good["actors"],
            "actor_type": good["actor_type"],
            "primary_objective_id": objectives.groupby(level=0).first(),
            "objective_rationale": good["objective_rationale"],
            "practice_status": good["status"],
            "summary": good["summary"],
            "source_urls": good["source_url"],
            "verified": good["verified"],
            "level": level,
            "language": "en",
            "status": "published",  # review state of the fact sheet: every row is published
            "source_file": file,
            **{col: None for col in SUBMISSION_ONLY},
        }
    )

    po = objectives.rename("objective_id").reset_index().rename(columns={"index": "row"})
    po = po.drop_duplicates(["row", "objective_id"])  # "4;4" would tag the same objective twice
    po["is_primary"] = ~po["row"].duplicated()
    rationales = good["objective_rationale"].map(split_rationale)
    po["rationale"] = [rationales[r].get(o) for r, o in zip(po["row"], po["objective_id"])]
    po["practice_id"] = good["id"].reindex(po["row"]).to_numpy()

    pc = parsed[good.index].str[0].explode().dropna()
    countries = pd.DataFrame(
        {
            "practice_id": good["id"].reindex(pc.index).to_numpy(),
            "country_iso3": pc.str[0].to_numpy(),
            "role": pc.str[1].to_numpy(),
        }
    )
    return {
        "practices": conform("practices", practices),
        "practice_objectives": conform("practice_objectives", po),
        "practice_countries": conform("practice_countries", countries),
    }


# --- gcm-endorsement.csv ------------------------------------------------------------------


def vote_code(text: str) -> str | None:
    """in_favour / against / abstained / not_voting from the vote text, or None if unrecognised."""
    head = re.split(r"\(| - ", (text or "").strip().lower(), maxsplit=1)[0].strip()
    return next((code for pat, code in VOTE_CODES if pat.search(head)), None)


def parse_later_changes(text: str) -> tuple[list[tuple[int, int]], str | None]:
    """(year, 1 supports / 0 does not) events from later_changes, and a problem or None.

    Clauses are separated by `;`. "none found ..." means no change, whatever follows (Belize's
    note mentions an unrelated 2022 endorsement). A clause naming a withdrawal, dissociation or
    refusal switches support off from its year; rejoining or endorsing switches it on. A
    clause with a change and no year, or a year and no recognisable change, is not understood.
    """
    if NO_CHANGE.match(text or ""):
        return [], None
    events: list[tuple[int, int]] = []
    for clause in text.split(";"):
        low = clause.strip().lower()
        if not low or NO_CHANGE.match(low):
            continue
        years = YEAR_TOKEN.findall(low)
        if CHANGE_OFF.search(low):
            state = 0
        elif CHANGE_ON.search(low):
            state = 1
        elif years:
            return [], "later_changes not understood"
        else:
            continue  # a note without a change or date
        if not years:
            return [], "later_changes not understood"
        events.append((int(years[0]), state))
    return events, None


def _endorsement(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    file = "gcm-endorsement.csv"
    raw = read_source(folder / file, ENDORSEMENT_COLUMNS, ledger, SOURCE)

    code = raw["iso3"].str.upper()
    votes = raw["unga_73_195_vote"].map(vote_code)
    changes = raw["later_changes"].map(parse_later_changes)
    change_problem = changes.str[1]

    reason = pd.Series(None, index=raw.index, dtype=object)
    reason[change_problem.notna()] = change_problem[change_problem.notna()]
    reason[votes.isna()] = "unrecognised vote text"
    reason[~code.isin(scope_codes())] = "country outside the dashboard's scope"
    reason[~code.map(is_country_code)] = "unknown country code"
    bad = reason.notna()
    ledger.quarantine(SOURCE, file, raw.loc[bad], reason[bad], key_columns=["iso3"])

    good = raw.loc[~bad].assign(iso3=code[~bad])
    good = quarantine_conflicts(good, ["iso3"], ledger, SOURCE, file)
    ledger.loaded(SOURCE, file, len(good))

    endorsement = pd.DataFrame(
        {
            "country_iso3": good["iso3"],
            "unga_73_195_vote": good["unga_73_195_vote"],
            "vote_code": votes[good.index],
            "later_changes": good["later_changes"],
            "source_urls": good["source_url"],
        }
    )

    # Events in order: the Dec 2018 vote first, then the later changes as listed. Each year
    # takes the state of the last event dated that year or earlier (merge_asof, backward).
    vote_events = pd.DataFrame(
        {
            "country_iso3": good["iso3"],
            "event_year": ENDORSED_YEARS[0],
            "state": (votes[good.index] == "in_favour").astype(int),
            "seq": 0,
        }
    )
    later = changes[good.index].str[0].explode().dropna()
    later_events = pd.DataFrame(
        {
            "country_iso3": good["iso3"].reindex(later.index).to_numpy(),
            "event_year": later.str[0].astype(int).to_numpy(),
            "state": later.str[1].astype(int).to_numpy(),
            "seq": later.groupby(level=0).cumcount().to_numpy() + 1,
        }
    )
    events = pd.concat([vote_events, later_events], ignore_index=True)
    # A change dated before the vote year is applied from the first year, after the vote.
    events["event_year"] = events["event_year"].clip(lower=ENDORSED_YEARS[0]).astype("int64")
    events = events.sort_values(["event_year", "seq"], kind="stable")
    grid = pd.MultiIndex.from_product(
        [good["iso3"], list(ENDORSED_YEARS)], names=["country_iso3", "year"]
    ).to_frame(index=False)
    grid["year"] = grid["year"].astype("int64")
    # merge_asof needs the same dtype on both sides, also when a frame is empty
    grid["country_iso3"] = grid["country_iso3"].astype(str)
    events["country_iso3"] = events["country_iso3"].astype(str)
    grid = pd.merge_asof(
        grid.sort_values("year"),
        events[["country_iso3", "event_year", "state"]],
        left_on="year",
        right_on="event_year",
        by="country_iso3",
        direction="backward",
    ).sort_values(["country_iso3", "year"])
    values = pd.DataFrame(
        {
            "country_iso3": grid["country_iso3"],
            "indicator_code": ENDORSED_INDICATOR,
            "year": grid["year"],
            "value": grid["state"].astype("float64"),
            "value_flag": None,
            "upper_bound": None,
            "months_covered": None,
            "source_file": file,
        }
    )
    return {
        "gcm_endorsement": conform("gcm_endorsement", endorsement),
        "values": conform("values", values),
    }
