"""Published practices: the fact sheet's (from the warehouse) and reviewed submissions (live from the store).

Submissions are read from the submissions store on every change to it, not from the warehouse,
so a practice a reviewer publishes shows at once, without a rebuild. The warehouse keeps a copy
of the store as of its last build for SQL and exports. Only status = 'published' is ever returned.
"""
from __future__ import annotations

import os
import time
from typing import Sequence

import pandas as pd
import streamlit as st

from gcm import db
from gcm.queries.core import q
from gcm.safe import plain_text
from gcm.search import in_language
from practices.store import Store, ensure_folder, last_write, practice_frames, store_url

PRACTICE_COLUMNS = [
    "practice_id", "title", "original_name", "summary", "year_start", "year_end", "actors", "actor_type",
    "partners", "level", "practice_status", "source_urls", "verified", "language", "primary_objective_id",
    "objective_rationale", "target_group", "results", "lessons", "replicability", "guiding_principles",
    "status", "source_file", "title_es", "summary_es", "title_pt", "summary_pt",
]

TEXT_COLUMNS = ["title", "original_name", "summary", "actors", "partners", "objective_rationale", "target_group",
                "results", "lessons", "replicability", "source_urls"]


def practice_store() -> Store:
    """The practices database through Streamlit's SQL connection (`[connections.practices]` in the secrets,
    else GCM_PRACTICES_DB_URL, else the SQLite file in GCM_SUBMISSIONS)."""
    import os

    secrets = st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}
    configured = "practices" in (secrets.get("connections") or {}) and not os.environ.get("GCM_PRACTICES_DB_URL")
    conn = st.connection("practices", type="sql") if configured else st.connection(
        "practices", type="sql", url=ensure_folder(store_url()))
    return Store(engine=conn.engine)


# How long a store's version is reused. Asking the store (a secrets look-up, a connection, a digest of
# every submission's state) was an eighth of a cached page's rerun, and every rerun asks. This process's own writes show at once
# (`last_write`); another replica's within this many seconds.
VERSION_MAX_AGE = 1.0
_versions: dict[tuple, tuple[float, int, str]] = {}


def store_version() -> str:
    """The submissions store's version (practices.store.Store.version), read at most once a second."""
    where = (os.environ.get("GCM_PRACTICES_DB_URL"), os.environ.get("GCM_SUBMISSIONS"))  # tests switch stores
    now, written = time.monotonic(), last_write()
    seen = _versions.get(where)
    if seen is not None and now - seen[0] <= VERSION_MAX_AGE and seen[1] == written:
        return seen[2]
    version = practice_store().version()
    _versions[where] = (now, written, version)
    return version


def practices_version() -> str:
    """Changes when the warehouse is rebuilt or a submission is added or decided: a key for caches."""
    return f"{db.build_key()}|{store_version()}"


def _tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Published practices, their objective tags and their countries, for the current build and store."""
    return _published(db.build_key(), store_version())


# Built once per warehouse build and store version, shared by every session and every call of a
# rerun (the Practices page asks five times). Callers must not change the frames: they filter or copy.
@st.cache_resource(show_spinner=False, max_entries=4)
def _published(build: str, store_version: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    practices = q("SELECT * FROM practices WHERE status = 'published' AND source_file <> 'submissions'")
    # The build copies the store's submissions into all three tables: the live store's rows replace
    # them, or a rebuild would list each published submission's objectives and countries twice.
    tags = q("SELECT practice_id, objective_id, is_primary, rationale FROM practice_objectives "
             "WHERE practice_id IN (SELECT practice_id FROM practices WHERE source_file <> 'submissions')")
    places = q("SELECT practice_id, country_iso3, role FROM practice_countries "
               "WHERE practice_id IN (SELECT practice_id FROM practices WHERE source_file <> 'submissions')")
    practices = practices.merge(_translations(), on="practice_id", how="left")
    live = practice_frames(practice_store().published())  # the state index: never the whole store
    if not live["practices"].empty:
        published = live["practices"][live["practices"]["status"] == "published"]
        ids = set(published["practice_id"])
        practices = pd.concat([practices, published], ignore_index=True)
        tags = pd.concat([tags, live["practice_objectives"][live["practice_objectives"]["practice_id"].isin(ids)]],
                         ignore_index=True)
        places = pd.concat([places, live["practice_countries"][live["practice_countries"]["practice_id"].isin(ids)]],
                           ignore_index=True)
    practices = practices.reindex(columns=PRACTICE_COLUMNS)
    for column in TEXT_COLUMNS:  # submitted text: hidden direction and control characters made visible
        practices[column] = practices[column].map(plain_text, na_action="ignore")
    tags = tags.assign(rationale=tags["rationale"].map(plain_text, na_action="ignore"))
    known = set(practices["practice_id"])
    return practices, tags[tags["practice_id"].isin(known)], places[places["practice_id"].isin(known)]


def _translations() -> pd.DataFrame:
    """The dashboard's translations of the fact sheet's practices, one row per practice:
    practice_id, title_es, summary_es, title_pt, summary_pt."""
    long = q("SELECT practice_id, lang, title, summary FROM practice_translations")
    wide = long.pivot(index="practice_id", columns="lang", values=["title", "summary"])
    wide.columns = [f"{field}_{lang}" for field, lang in wide.columns]
    return wide.reindex(columns=["title_es", "summary_es", "title_pt", "summary_pt"]).reset_index()


def load_factsheet_practices() -> pd.DataFrame:
    """The fact sheet's practices in the warehouse, as the ingest of a form export compares new rows
    with them (practices.ingest.known_practices): practice_id, title, original_name, countries (ISO3 list)."""
    sheet = q("SELECT practice_id, title, original_name FROM practices WHERE source_file <> 'submissions' "
              "ORDER BY practice_id")
    places = q("SELECT practice_id, country_iso3 FROM practice_countries ORDER BY practice_id, country_iso3")
    lists = {str(k): [str(c) for c in v] for k, v in places.groupby("practice_id")["country_iso3"]}
    return sheet.assign(countries=[lists.get(str(p), []) for p in sheet["practice_id"]])


def load_practices(objective_id: int | None = None, countries: Sequence[str] = (), lang: str = "en") -> pd.DataFrame:
    """Published practices tagged with an objective (any if None) and involving any of `countries` (any if empty),
    with title and summary in `lang` where the dashboard translated them (gcm.search.in_language).

    Columns: practice_id, title, original_name, summary, year_start, actors, actor_type, level,
    practice_status, source_urls, verified, primary_objective_id, objectives (list of int),
    countries (list of ISO3), is_primary_for_objective (bool; False when objective_id is None).
    Fact-sheet practices come first, then submissions, each in id order, primary tags first.
    """
    return in_language(_selected(db.build_key(), store_version(), objective_id,
                                 tuple(sorted(set(countries)))), lang)


# One frame per selection, build and store version, shared by every session: the scorecard and
# country pages ask for a few selections on every rerun, and grouping the tags into lists each time
# was a fifth of the scorecard's rerun. Callers get a shallow copy (copy-on-write keeps this one).
@st.cache_resource(show_spinner=False, max_entries=512)
def _selected(build: str, store_version: str, objective_id: int | None, countries: tuple[str, ...]) -> pd.DataFrame:
    practices, tags, places = _published(build, store_version)
    objectives = tags.groupby("practice_id")["objective_id"].agg(lambda s: sorted(int(v) for v in s))
    where = places.groupby("practice_id")["country_iso3"].agg(lambda s: sorted(set(s)))
    out = practices.copy()
    out["objectives"] = out["practice_id"].map(objectives)
    out = out[out["objectives"].notna()]
    out["countries"] = out["practice_id"].map(where).map(lambda v: v if isinstance(v, list) else [])
    primary = set(tags.loc[tags["is_primary"].astype(bool) & (tags["objective_id"] == objective_id), "practice_id"])
    out["is_primary_for_objective"] = out["practice_id"].isin(primary)
    # .loc with bool masks: an empty frame's mapped mask is an object Series, which [] would take
    # for a list of column names (and drop every column)
    if objective_id is not None:
        out = out.loc[out["objectives"].map(lambda os: objective_id in os).astype(bool)]
    if countries:
        wanted = set(countries)
        out = out.loc[out["countries"].map(lambda cs: bool(wanted & set(cs))).astype(bool)]
    out["_submitted"] = out["source_file"] == "submissions"
    out = out.sort_values(["is_primary_for_objective", "_submitted", "practice_id"], ascending=[False, True, True])
    return out.drop(columns=["_submitted"]).reset_index(drop=True)


def load_practice(practice_id: str, lang: str = "en") -> pd.DataFrame:
    """One published practice with every public field (no row if unknown or unpublished), in `lang` as load_practices."""
    practices, _, _ = _tables()
    return in_language(practices[practices["practice_id"] == practice_id].reset_index(drop=True), lang)


def load_practice_objectives(practice_id: str) -> pd.DataFrame:
    """The objectives a published practice is tagged with, primary first, with the rationale for each tag."""
    _, tags, _ = _tables()
    mine = tags[tags["practice_id"] == practice_id]
    mine = mine.assign(is_primary=mine["is_primary"].astype(bool))
    return mine.sort_values(["is_primary", "objective_id"], ascending=[False, True])[
        ["objective_id", "is_primary", "rationale"]].reset_index(drop=True)


def load_practice_countries(practice_id: str) -> pd.DataFrame:
    """The countries involved in a published practice and the role of each (implementer, member, partner...)."""
    _, _, places = _tables()
    mine = places[places["practice_id"] == practice_id]
    return mine.sort_values(["role", "country_iso3"])[["country_iso3", "role"]].reset_index(drop=True)


def load_country_practices(country_iso3: str, lang: str = "en") -> pd.DataFrame:
    """Published practices involving a country: id, title (in `lang`, as load_practices), whether it is the
    dashboard's translation, start year, level, status, objectives and its roles."""
    _, _, places = _tables()
    roles = places[places["country_iso3"] == country_iso3].groupby("practice_id")["role"].agg(
        lambda s: sorted(set(s)))
    out = load_practices(None, [country_iso3], lang)
    out["roles"] = out["practice_id"].map(roles)
    return out[["practice_id", "title", "translated", "year_start", "level", "practice_status", "primary_objective_id",
                "objectives", "roles"]]
