"""Progress ratings for the pages: indicator scores and objective ratings from the warehouse and rating.toml."""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import pandas as pd
import streamlit as st

from gcm import db
from gcm import rating as r
from gcm.queries.core import q
from gcm.queries.indicators import VALUE_COLUMNS, load_values
from gcm.queries.reference import (load_countries, load_indicator_objective_pairs, load_indicators,
                                   load_objectives)


@lru_cache(maxsize=4)
def _config(path: str, mtime_ns: int) -> r.RatingConfig:
    return r.load_config(path)


def load_rating_config() -> r.RatingConfig:
    """The rating file in use (GCM_RATING_FILE or data/rating.toml), re-read when it changes."""
    path = r.rating_file()
    return _config(str(path), path.stat().st_mtime_ns)


def _indicator_objectives() -> dict[str, int]:
    cat = load_indicators()
    known = cat[cat["objective_id"].notna()]
    return dict(zip(known["indicator_code"], known["objective_id"].astype(int)))


# Resource caches (one frame shared by every session, never changed: callers filter or copy, and
# copy-on-write keeps it intact); a data cache unpickled a fresh copy on each of a rerun's calls.
@st.cache_resource(show_spinner=False, max_entries=64)
def _scores(years: tuple[int, int] | None, config_key: tuple[str, int], build_key: str) -> pd.DataFrame:
    config = _config(*config_key)
    events = [b.events for b in config.bounds.values() if b.events]
    values = load_values(list(config.bounds) + events)
    countries = load_countries()["country_iso3"].tolist()
    return r.indicator_scores(values, _indicator_objectives(), countries, config, years)


@st.cache_resource(show_spinner=False, max_entries=64)
def _commitments(years: tuple[int, int] | None, config_key: tuple[str, int], build_key: str) -> pd.DataFrame:
    config = _config(*config_key)
    values = load_values(list(config.commitments))
    countries = load_countries()["country_iso3"].tolist()
    return r.commitment_status(values, load_indicator_objective_pairs(), countries, config, years)


@st.cache_resource(show_spinner=False, max_entries=64)
def _ratings(years: tuple[int, int] | None, config_key: tuple[str, int], build_key: str) -> pd.DataFrame:
    config = _config(*config_key)
    scores = _scores(years, config_key, build_key)
    countries = load_countries()["country_iso3"].tolist()
    objectives = load_objectives()["objective_id"].astype(int).tolist()
    return r.objective_ratings(scores, objectives, countries, config, _commitments(years, config_key, build_key))


def rating_file_key() -> tuple[str, int]:
    """Changes when the rating file is edited: for caches of what is built from the ratings."""
    path = r.rating_file()
    return str(path), path.stat().st_mtime_ns


def _keys(years: tuple[int, int] | None) -> tuple:
    path = r.rating_file()
    return (tuple(int(y) for y in years) if years else None), (str(path), path.stat().st_mtime_ns), db.build_key()


def load_indicator_scores(years: tuple[int, int] | None = None, countries: Sequence[str] = (),
                          objective_id: int | None = None) -> pd.DataFrame:
    """Per country and rated indicator: latest value and score, baseline, trend and status (see rating.indicator_scores).

    Every rated indicator has a row for every country, so gaps show as gaps (status 'no_data').
    """
    return _rows_of(_scores(*_keys(years)), countries, objective_id)


def load_commitments(years: tuple[int, int] | None = None, countries: Sequence[str] = (),
                     objective_id: int | None = None) -> pd.DataFrame:
    """Per country, commitment and objective: the latest value up to the years' end, its year, and whether it is met."""
    return _rows_of(_commitments(*_keys(years)), countries, objective_id)


def _rows_of(df: pd.DataFrame, countries: Sequence[str], objective_id: int | None) -> pd.DataFrame:
    """The rows of a shared frame for some countries (all if empty) and an objective (all if None)."""
    if countries:
        df = df[df["country_iso3"].isin(list(countries))]
    if objective_id is not None:
        df = df[df["objective_id"] == int(objective_id)]
    return df.reset_index(drop=True)


def load_ratings(years: tuple[int, int] | None = None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """Per country and objective (all 23): score, score_class, trend, coverage (0-1), indicators_rated,
    indicators_total, latest_year, and the regional rank with ties ('=2'). Ranks are over all countries
    even when `countries` narrows the rows returned."""
    return _rows_of(_ratings(*_keys(years)), countries, None)


def load_peers_rated_better(years: tuple[int, int] | None, country_iso3: str,
                            objective_id: int) -> tuple[pd.DataFrame, bool]:
    """`rating.peers_rated_better` on the ratings of these years (all countries), kept per build."""
    return _peers(*_keys(years), country_iso3, int(objective_id))


@st.cache_resource(show_spinner=False, max_entries=512)
def _peers(years: tuple[int, int] | None, config_key: tuple[str, int], build_key: str, country_iso3: str,
           objective_id: int) -> tuple[pd.DataFrame, bool]:
    return r.peers_rated_better(_ratings(years, config_key, build_key), load_countries(), country_iso3, objective_id)


def load_ranking_values(code: str, years: tuple[int, int] | None) -> pd.DataFrame:
    """One indicator's values in `years` (all if None), as load_values gives them, with what
    gcm.stats.standing needs to leave a rate resting on too few events unranked: `events`, the count
    it is computed from in the same country and year (NULL where that count is suppressed or missing),
    and `min_events`, the fewest it needs (0 where no such rule applies, rating.ranking_events)."""
    rule = r.ranking_events(code, load_indicators(), load_rating_config())
    events, minimum = rule if rule else (None, 0)
    lo, hi = years if years else (0, 9999)
    return q(
        f"""SELECT {VALUE_COLUMNS},
                   CASE WHEN e.value_flag = 'suppressed' THEN NULL ELSE e.value END AS events,
                   ?::INTEGER AS min_events
            FROM fct_indicator_values v
            LEFT JOIN fct_indicator_values e
              ON e.indicator_code = ? AND e.country_iso3 = v.country_iso3 AND e.year = v.year
            WHERE v.indicator_code = ? AND v.year BETWEEN ? AND ?
            ORDER BY v.country_iso3, v.year""",
        (int(minimum), events, code, int(lo), int(hi)),
    )


HEADLINE_CODES = ("mmp_dead_missing", "glotip_victims", "treaty_icmw_party", "gcm_endorsed")


def load_headline_figures(countries: Sequence[str], years: tuple[int, int]) -> dict[str, dict]:
    """A few regional totals for the selected countries and years, each with the years it really covers.

    dead_missing: sum, with any partial year; victims: sum of published counts and how many counts
    were suppressed; icmw and gcm: parties/supporters among countries with data in the last year
    available up to the selection's end. The dicts are shared by every session: read, never change them.
    """
    return _headline(tuple(countries), (int(years[0]), int(years[1])), db.build_key())


@st.cache_resource(show_spinner=False, max_entries=256)
def _headline(countries: tuple[str, ...], years: tuple[int, int], build_key: str) -> dict[str, dict]:
    lo, hi = years
    values = load_values(list(HEADLINE_CODES), list(countries), (lo, hi))
    out: dict[str, dict] = {}
    for code, key in (("mmp_dead_missing", "dead_missing"), ("glotip_victims", "victims")):
        rows = values[values["indicator_code"] == code]
        known = rows[rows["value"].notna()]
        partial = rows[rows["months_covered"].notna() & (rows["months_covered"] < 12)]
        out[key] = dict(
            value=float(known["value"].sum()) if len(known) else None,
            first_year=int(known["year"].min()) if len(known) else None,
            last_year=int(known["year"].max()) if len(known) else None,
            suppressed=int((rows["value_flag"] == "suppressed").sum()),
            partial_year=int(partial["year"].max()) if len(partial) else None,
            partial_months=int(partial.loc[partial["year"].idxmax(), "months_covered"]) if len(partial) else None,
            usa=float(known.loc[known["country_iso3"] == "USA", "value"].sum()) if (known["country_iso3"] == "USA").any()
            else None,
            by_year=known.groupby("year")["value"].sum().to_dict(),
        )
    for code, key in (("treaty_icmw_party", "icmw"), ("gcm_endorsed", "gcm")):
        rows = values[(values["indicator_code"] == code) & values["value"].notna()]
        if rows.empty:
            out[key] = dict(value=None, of=0, year=None)
            continue
        year = int(rows["year"].max())
        last = rows[rows["year"] == year]
        out[key] = dict(value=int((last["value"] == 1).sum()), of=int(len(last)), year=year)
    return out
