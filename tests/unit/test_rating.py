"""The progress rating (gcm/rating.py) on hand-written series, and data/rating.toml against the warehouse."""
from __future__ import annotations

import math
import tomllib

import duckdb
import pandas as pd
import pytest

from gcm import rating as r

SETTINGS = {
    "version": "test",
    "baseline_year": 2018,
    "baseline_window": 3,
    "min_latest_year": 2015,
    "min_trend_points": 2,
    "use_partial_years": False,
    "rate_pinned_censored": True,
    "coverage": {"min_share": 0.5, "min_indicators": 1},
    "score_classes": {"high": 75, "medium": 50, "low": 25, "very_low": 0},
    "trend": {"on_track": 4.0, "moderate": 1.0, "deteriorating": -1.0, "maintained_score": 90},
    "rank_step": 1,
    "bounds": {
        "up": {"lower": 0.0, "optimum": 10.0},      # higher is better
        "down": {"lower": 1.0, "optimum": 0.0},     # lower is better
        "side": {"lower": 0.0, "optimum": 1.0},
        "solo": {"lower": 0.0, "optimum": 100.0},
        "rate": {"lower": 1.0, "optimum": 0.0, "events": "deaths", "min_events": 20},
        "frozen": {"lower": 0.0, "optimum": 10.0, "trend": False},
    },
    "commitments": {"treaty": {}, "domain": {"met_at": 3}},
}
OBJECTIVES = {"up": 10, "down": 10, "side": 10, "solo": 21, "rate": 8, "frozen": 8}
# Commitments can serve several objectives: (indicator, objective) pairs.
PAIRS = pd.DataFrame({"indicator_code": ["treaty", "domain", "domain"], "objective_id": [10, 10, 23]})


def make_config(**changes) -> r.RatingConfig:
    data = {**SETTINGS, **changes}
    return r.parse_config(data, "test.toml")


def values(*rows) -> pd.DataFrame:
    """Rows of (country, indicator, year, value[, flag, upper_bound, months])."""
    full = [tuple(row) + (None,) * (7 - len(row)) for row in rows]
    return pd.DataFrame(full, columns=["country_iso3", "indicator_code", "year", "value", "value_flag",
                                       "upper_bound", "months_covered"])


CONFIG = make_config()


def score_row(df: pd.DataFrame, country: str, code: str) -> pd.Series:
    return df[(df["country_iso3"] == country) & (df["indicator_code"] == code)].iloc[0]


# --- Indicator scores -------------------------------------------------------------------------

@pytest.mark.parametrize("code, value, expected", [
    ("up", 5.0, 50.0),
    ("up", 12.0, 100.0),      # beyond the optimum: clipped
    ("up", -3.0, 0.0),        # beyond the worst bound: clipped
    ("down", 0.25, 75.0),     # lower is better, handled by the bound order alone
    ("down", 0.0, 100.0),
    ("down", 2.0, 0.0),
    ("side", 1, 100.0),
    ("side", 0, 0.0),
])
def test_indicator_score_between_bounds(code, value, expected):
    assert r.indicator_score(value, CONFIG.bounds[code]) == pytest.approx(expected)


def test_missing_value_has_no_score():
    assert math.isnan(r.indicator_score(float("nan"), CONFIG.bounds["up"]))


@pytest.mark.parametrize("code, upper, expected", [
    ("up", 0.0, 0.0),          # even the bound scores 0: the true value (below it) does too
    ("up", 2.0, None),         # could score anything in 0-20: not ratable
    ("down", 0.0, 100.0),      # lower is better and the bound already at the optimum
    ("down", 0.5, None),       # could score 50-100: not ratable
])
def test_censored_value_is_scored_only_where_its_bound_fixes_the_score(code, upper, expected):
    got = r.censored_score(upper, CONFIG.bounds[code])
    assert (math.isnan(got) if expected is None else got == expected)


def test_suppressed_latest_value_is_censored_not_zero():
    df = values(("AAA", "up", 2018, 4.0), ("AAA", "up", 2020, None, "suppressed", 3.0))
    row = score_row(r.indicator_scores(df, OBJECTIVES, ["AAA"], CONFIG), "AAA", "up")
    assert row["status"] == "censored"
    assert math.isnan(row["score"])
    assert row["latest_flag"] == "suppressed" and row["latest_upper_bound"] == 3.0
    assert r.value_label(row["latest_value"], row["latest_flag"], row["latest_upper_bound"]) == "<3"


def test_suppressed_values_are_skipped_when_the_file_says_so():
    df = values(("AAA", "up", 2020, None, "suppressed", 0.0))
    skip = make_config(rate_pinned_censored=False)
    assert r.indicator_scores(df, OBJECTIVES, ["AAA"], CONFIG)["score"].iloc[0] == 0.0
    assert r.indicator_scores(df, OBJECTIVES, ["AAA"], skip)["status"].iloc[0] == "censored"


# --- Latest value, baseline and trend -----------------------------------------------------------

def test_baseline_is_2018_or_nearest_before_and_trend_is_points_per_year():
    df = values(("AAA", "up", 2014, 1.0), ("AAA", "up", 2016, 2.0), ("AAA", "up", 2019, 3.0),
                ("AAA", "up", 2021, 6.0))
    row = score_row(r.indicator_scores(df, OBJECTIVES, ["AAA"], CONFIG), "AAA", "up")
    assert row["baseline_year"] == 2016          # 2018 missing: nearest before, inside 2015-2018
    assert row["latest_year"] == 2021 and row["score"] == pytest.approx(60.0)
    assert row["slope"] == pytest.approx((60.0 - 20.0) / 5)
    assert row["trend"] == "on_track"            # 8 points a year
    assert row["n_points"] == 3


def test_no_baseline_inside_the_window_means_no_trend():
    df = values(("AAA", "up", 2013, 1.0), ("AAA", "up", 2019, 3.0), ("AAA", "up", 2021, 6.0))
    row = score_row(r.indicator_scores(df, OBJECTIVES, ["AAA"], CONFIG), "AAA", "up")
    assert row["status"] == "scored" and pd.isna(row["baseline_year"])
    assert row["trend"] is None and math.isnan(row["slope"])


def test_no_trend_when_the_latest_value_is_not_after_the_baseline():
    df = values(("AAA", "up", 2015, 1.0), ("AAA", "up", 2017, 6.0), ("AAA", "up", 2018, 7.0))
    row = score_row(r.indicator_scores(df, OBJECTIVES, ["AAA"], CONFIG, years=(2014, 2018)), "AAA", "up")
    assert row["latest_year"] == 2018 and row["score"] == pytest.approx(70.0)
    assert row["trend"] is None


def test_a_trend_needs_the_minimum_number_of_points():
    df = values(("AAA", "up", 2018, 2.0), ("AAA", "up", 2021, 6.0))
    two = score_row(r.indicator_scores(df, OBJECTIVES, ["AAA"], CONFIG), "AAA", "up")
    three = score_row(r.indicator_scores(df, OBJECTIVES, ["AAA"], make_config(min_trend_points=3)), "AAA", "up")
    assert two["trend"] == "on_track"
    assert three["trend"] is None


def test_partial_year_is_not_the_latest_value():
    df = values(("AAA", "up", 2023, 5.0, None, None, 12), ("AAA", "up", 2024, 1.0, None, None, 4))
    row = score_row(r.indicator_scores(df, OBJECTIVES, ["AAA"], CONFIG), "AAA", "up")
    assert row["latest_year"] == 2023 and row["score"] == pytest.approx(50.0)


def test_selected_years_cap_the_latest_value_and_old_data_is_too_old():
    df = values(("AAA", "up", 2016, 2.0), ("AAA", "up", 2020, 8.0), ("BBB", "up", 2012, 9.0))
    scores = r.indicator_scores(df, OBJECTIVES, ["AAA", "BBB", "CCC"], CONFIG, years=(2014, 2017))
    assert score_row(scores, "AAA", "up")["latest_year"] == 2016
    assert score_row(scores, "BBB", "up")["status"] == "too_old"
    assert score_row(scores, "CCC", "up")["status"] == "no_data"


@pytest.mark.parametrize("slope, latest, expected", [
    (5.0, 40.0, "on_track"),
    (4.0, 40.0, "on_track"),
    (2.0, 40.0, "moderate"),
    (1.0, 40.0, "moderate"),
    (0.5, 40.0, "stagnating"),
    (-0.5, 40.0, "stagnating"),
    (-1.0, 40.0, "deteriorating"),
    (0.0, 100.0, "on_track"),      # holding the optimum
    (-0.5, 95.0, "on_track"),
    (-2.0, 95.0, "deteriorating"),  # falling from a high level is still deteriorating
    (float("nan"), 50.0, None),
])
def test_trend_classes_in_points_per_year(slope, latest, expected):
    assert r.trend_class(slope, latest, CONFIG) == expected


# --- Objective ratings, coverage and ties -------------------------------------------------------

def ratings_for(df: pd.DataFrame, countries=("AAA", "BBB", "CCC"), config=CONFIG) -> pd.DataFrame:
    scores = r.indicator_scores(df, OBJECTIVES, list(countries), config)
    promises = r.commitment_status(df, PAIRS, list(countries), config)
    return r.objective_ratings(scores, [4, 8, 10, 21, 23], list(countries), config, promises)


def cell(ratings: pd.DataFrame, country: str, objective: int) -> pd.Series:
    return ratings[(ratings["country_iso3"] == country) & (ratings["objective_id"] == objective)].iloc[0]


def test_objective_is_rated_only_with_enough_coverage():
    df = values(("AAA", "up", 2020, 5.0), ("AAA", "side", 2020, 1),        # 2 of 3: rated
                ("BBB", "up", 2020, 5.0))                                  # 1 of 3: too little
    ratings = ratings_for(df)
    a, b = cell(ratings, "AAA", 10), cell(ratings, "BBB", 10)
    assert a["score"] == pytest.approx(75.0) and a["score_class"] == "high"
    assert (a["indicators_rated"], a["indicators_total"], a["coverage"]) == (2, 3, pytest.approx(2 / 3))
    assert b["score_class"] == "insufficient" and math.isnan(b["score"])
    assert (b["indicators_rated"], b["indicators_total"]) == (1, 3)
    assert r.cell_text(a) == "75 · C –" and r.cell_text(b) == "– · C –"


def test_commitments_are_counted_apart_and_never_move_the_score():
    df = values(("AAA", "up", 2020, 5.0), ("AAA", "side", 2020, 0.5),
                ("AAA", "treaty", 2014, 1), ("AAA", "domain", 2021, 2),   # 1 of 2 met, as of 2014-2021
                ("BBB", "up", 2020, 5.0), ("BBB", "side", 2020, 0.5), ("BBB", "treaty", 2014, 0))
    ratings = ratings_for(df)
    a, b = cell(ratings, "AAA", 10), cell(ratings, "BBB", 10)
    assert a["score"] == b["score"] == pytest.approx(50.0)             # the ratification changes nothing
    assert (a["commitments_met"], a["commitments_known"], a["commitments_total"]) == (1, 2, 2)
    assert a["commitments_as_of"] == "2014–2021"
    assert (b["commitments_met"], b["commitments_known"], b["commitments_as_of"]) == (0, 1, "2014")
    assert r.cell_text(a, sep="<br>") == "50<br>C 1/2"
    # A SDG 10.7.2 domain serves objective 23 too, where it is the only thing counted.
    c23 = cell(ratings, "AAA", 23)
    assert c23["score_class"] == "context" and (c23["commitments_met"], c23["commitments_known"]) == (0, 1)
    assert r.cell_text(c23) == "C 0/1"
    assert r.commitments_sentence(c23) == "Commitments: meets 0 of 1, as of 2021"
    assert r.commitments_sentence(a) == "Commitments: meets 1 of 2, as of 2014–2021"
    assert "meets 0 of the 1 with data (of 2 counted)" in r.commitments_sentence(b)


def test_commitment_status_is_the_latest_up_to_the_selected_years():
    df = values(("AAA", "treaty", 2010, 0), ("AAA", "treaty", 2016, 1))
    early = r.commitment_status(df, PAIRS, ["AAA"], CONFIG, years=(2000, 2012))
    late = r.commitment_status(df, PAIRS, ["AAA"], CONFIG, years=(2000, 2025))
    pick = lambda f: f[f["indicator_code"] == "treaty"].iloc[0]
    assert (pick(early)["met"], pick(early)["year"]) == (False, 2010)
    assert (pick(late)["met"], pick(late)["year"]) == (True, 2016)
    assert pd.isna(r.commitment_status(values(), PAIRS, ["AAA"], CONFIG)["met"]).all()


def test_objective_without_outcome_indicators_is_never_an_outcome_rating():
    ratings = ratings_for(values(("AAA", "up", 2020, 5.0), ("AAA", "treaty", 2020, 1)))
    row = cell(ratings, "AAA", 4)
    assert row["score_class"] == "context" and math.isnan(row["score"]) and row["indicators_total"] == 0
    assert r.cell_text(row) == "·"
    assert r.rating_label("context", "es") == "Sin indicador de resultado"


def test_scores_within_a_rank_step_share_a_rank():
    df = values(("AAA", "solo", 2020, 80.2), ("BBB", "solo", 2020, 79.8), ("CCC", "solo", 2020, 60.0))
    ratings = ratings_for(df)
    labels = {c: cell(ratings, c, 21)["rank_label"] for c in ("AAA", "BBB", "CCC")}
    assert labels == {"AAA": "=1", "BBB": "=1", "CCC": "3"}
    assert cell(ratings, "CCC", 21)["n_ranked"] == 3
    df = values(("AAA", "solo", 2020, 84.0), ("BBB", "solo", 2020, 81.0), ("CCC", "solo", 2020, 79.0))
    stepped = ratings_for(df, config=make_config(rank_step=5))
    assert [cell(stepped, c, 21)["rank_label"] for c in ("AAA", "BBB", "CCC")] == ["=1", "=1", "3"]


def test_objective_trend_and_cell_text_with_arrow():
    df = values(("AAA", "up", 2018, 2.0), ("AAA", "up", 2021, 3.5), ("AAA", "side", 2018, 1),
                ("AAA", "side", 2021, 1))
    row = cell(ratings_for(df), "AAA", 10)
    # up: 20 -> 35 = +5/yr; side: 100 -> 100 = 0/yr; mean +2.5/yr, mean latest score 67.5
    assert row["slope"] == pytest.approx(2.5) and row["trend"] == "moderate"
    assert r.cell_text(row) == "↗ 68 · C –"


def test_objective_trend_is_never_an_improvement_while_an_outcome_deteriorates():
    # up: 20 -> 80 (+20/yr, on track); down: score 100 -> 70 (-10/yr, deteriorating); mean +5/yr
    df = values(("AAA", "up", 2018, 2.0), ("AAA", "up", 2021, 8.0),
                ("AAA", "down", 2018, 0.0), ("AAA", "down", 2021, 0.3))
    row = cell(ratings_for(df), "AAA", 10)
    assert row["slope"] == pytest.approx(5.0)
    assert row["trend"] == "stagnating"


def test_a_rating_on_one_indicator_says_so():
    row = cell(ratings_for(values(("AAA", "solo", 2020, 62.0))), "AAA", 21)
    assert r.cell_text(row) == "62¹" and "single indicator" in r._hover(row, "A", 21, "x", "en")


def test_too_few_events_is_not_rated_and_stays_the_latest_value():
    df = values(("AAA", "rate", 2019, 0.2), ("AAA", "deaths", 2019, 40),   # enough cases
                ("AAA", "rate", 2021, 0.05), ("AAA", "deaths", 2021, 3),   # latest: too few
                ("BBB", "rate", 2021, 0.0), ("BBB", "deaths", 2021, 0),    # none recorded: never "best"
                ("CCC", "rate", 2021, 0.5))                                 # count unknown
    scores = r.indicator_scores(df, OBJECTIVES, ["AAA", "BBB", "CCC"], CONFIG)
    a, b, c = (score_row(scores, x, "rate") for x in ("AAA", "BBB", "CCC"))
    assert a["status"] == "too_few" and a["latest_year"] == 2021 and a["latest_events"] == 3
    assert math.isnan(a["score"])
    assert b["status"] == "too_few" and math.isnan(b["score"])
    assert c["status"] == "too_few"
    assert cell(ratings_for(df), "BBB", 8)["score_class"] == "insufficient"


def test_an_indicator_whose_measurement_changed_is_scored_but_never_trended():
    df = values(("AAA", "frozen", 2018, 2.0), ("AAA", "frozen", 2021, 9.0))
    row = score_row(r.indicator_scores(df, OBJECTIVES, ["AAA"], CONFIG), "AAA", "frozen")
    assert row["score"] == pytest.approx(90.0) and row["baseline_year"] == 2018
    assert row["trend"] is None and math.isnan(row["slope"])
    row = cell(ratings_for(df), "AAA", 8)
    assert row["trend"] == r.NOT_TRENDED and r.trend_arrow(row["trend"]) == ""
    assert r.trend_label(row["trend"]) == "Not trended: its measurement changed over the years"


@pytest.mark.parametrize("score, expected", [(74.5, "high"), (74.4, "medium"), (50, "medium"),
                                             (24.49, "very_low"), (0, "very_low"), (float("nan"), "insufficient")])
def test_score_classes_use_the_shown_whole_number(score, expected):
    assert r.score_class(score, CONFIG) == expected


def test_labels_and_arrows():
    assert [r.trend_arrow(x) for x in r.TRENDS] == ["↑", "↗", "→", "↓"]
    assert r.trend_arrow(None) == ""
    assert r.rating_label("high", "pt") == "Alto"
    assert r.trend_label("deteriorating", "es") == "Empeorando"


def test_peers_rated_better_prefers_peers_and_widens_when_none():
    ratings = pd.DataFrame({
        "country_iso3": ["AAA", "BBB", "CCC", "DDD"], "objective_id": [10] * 4,
        "score": [40.0, 60.0, 90.0, float("nan")], "score_class": ["low", "medium", "high", "insufficient"],
    })
    countries = pd.DataFrame({
        "country_iso3": ["AAA", "BBB", "CCC", "DDD"],
        "peer_groups": [["g1"], ["g1"], ["g2"], ["g1"]],
        "subregion_code": ["s1", "s2", "s2", "s1"],
    })
    better, widened = r.peers_rated_better(ratings, countries, "AAA", 10)
    assert better["country_iso3"].tolist() == ["BBB"] and not widened
    better, widened = r.peers_rated_better(ratings, countries, "CCC", 10)
    assert better.empty
    better, widened = r.peers_rated_better(ratings, countries, "DDD", 10)   # unrated: peers rated high
    assert better["country_iso3"].tolist() == ["CCC"] and widened


def test_derive_bounds_rule():
    latest = pd.Series([0.1, 0.5, 1.0, 2.0, 3.0, 4.0, 50.0])
    lower, optimum = r.derive_bounds(latest, higher_is_better=True)
    assert optimum == 1.0                      # 5th best (50, 4, 3, 2, 1): the outlier does not set the bar
    assert lower == pytest.approx(pd.Series(latest).quantile(0.025))
    lower, optimum = r.derive_bounds(latest, higher_is_better=False)
    assert optimum == 3.0 and lower == pytest.approx(pd.Series(latest).quantile(0.975))


# --- The rating file ---------------------------------------------------------------------------

def test_rating_file_is_read_from_env(tmp_path, monkeypatch):
    text = r.RATING_FILE.read_text(encoding="utf-8").replace('version = "', 'version = "x', 1)
    path = tmp_path / "rating.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("GCM_RATING_FILE", str(path))
    assert r.rating_file() == path.resolve()
    assert r.load_config().version.startswith("x")


@pytest.mark.parametrize("change", [
    {"bounds": {"up": {"lower": 1.0, "optimum": 1.0}}},
    {"bounds": {"up": {"lower": 0.0, "optimum": 1.0, "rule": "guess"}}},
    {"bounds": {"treaty": {"lower": 0, "optimum": 1}}, "commitments": {"treaty": {}}},
    {"score_classes": {"high": 50, "medium": 75, "low": 25, "very_low": 0}},
    {"trend": {"on_track": 1.0, "moderate": 4.0, "deteriorating": -1.0, "maintained_score": 90}},
])
def test_inconsistent_rating_file_is_refused(change):
    with pytest.raises(ValueError):
        make_config(**change)


def test_rating_file_has_a_version_and_the_2018_baseline():
    data = tomllib.loads(r.RATING_FILE.read_text(encoding="utf-8"))
    config = r.load_config(r.RATING_FILE)
    assert data["version"] and config.baseline_year == 2018 and config.min_trend_points >= 2
    assert "us_tip_tier" not in config.bounds and "us_tip_tier" in config.context_only


def test_bounds_match_the_catalogue(built_db):
    """Every bound is for an outcome indicator with a direction, ordered the same way; every commitment a policy."""
    config = r.load_config(r.RATING_FILE)
    with duckdb.connect(str(built_db), read_only=True) as con:
        cat = con.execute("SELECT indicator_code, kind, direction FROM dim_indicators").df().set_index("indicator_code")
    for code, bound in config.bounds.items():
        assert code in cat.index, code
        assert cat.loc[code, "kind"] == "outcome", code     # a measured result, never a ratification
        assert cat.loc[code, "direction"] == ("higher_is_better" if bound.higher_is_better else "lower_is_better"), code
    for code in config.commitments:
        assert cat.loc[code, "kind"] == "policy", code      # commitments are counted, never scored
    assert set(config.context_only) <= set(cat.index)
    assert not set(config.context_only) & set(config.bounds)


def test_ratings_on_the_warehouse(db_env):
    from gcm.queries.rating import load_indicator_scores, load_ratings

    ratings = load_ratings((2014, 2025))
    assert len(ratings) == 35 * 23
    assert set(ratings.columns) >= {"country_iso3", "objective_id", "score", "score_class", "trend", "coverage",
                                    "indicators_rated", "indicators_total", "latest_year", "commitments_met"}
    context = ratings[ratings["indicators_total"] == 0]
    assert {9, 11, 13, 14, 21, 23} <= set(context["objective_id"])
    assert (context["score_class"] == "context").all() and context["score"].isna().all()
    rated = ratings[ratings["score"].notna()]
    assert len(rated) > 40 and rated["score"].between(0, 100).all()
    assert (rated["coverage"] >= 0.5).all()
    # Every focus objective rests on an outcome, on commitments, or both: none on nothing.
    focus = ratings[ratings["objective_id"].isin([4, 8, 9, 10, 11, 13, 14, 21, 23])]
    assert ((focus["indicators_total"] > 0) | (focus["commitments_total"] > 0)).all()
    scores = load_indicator_scores((2014, 2025), ["CHL"], 10)
    conv = scores[scores["indicator_code"] == "glotip_convicted_rate"].iloc[0]
    assert conv["status"] == "too_few" and math.isnan(conv["score"])   # Chile 2020: "<5" convictions


def rating_of(iso3: str, objective: int) -> pd.Series:
    from gcm.queries.rating import load_ratings

    ratings = load_ratings((2014, 2025), [iso3])
    return ratings[ratings["objective_id"] == objective].iloc[0]


def test_mexico_objective_13_is_a_commitment_not_a_high_rating(db_env):
    """OPCAT ratification alone once rated Mexico "High 100" on detention as a last resort."""
    row = rating_of("MEX", 13)
    assert row["score_class"] == "context" and math.isnan(row["score"])
    assert (row["commitments_met"], row["commitments_known"]) == (1, 1)
    assert r.cell_text(row) == "C 1/1"
    usa = rating_of("USA", 13)
    assert math.isnan(usa["score"]) and usa["commitments_met"] == 0   # not "0 of 100" either


def test_mexico_objective_8_is_never_on_track_from_a_frozen_treaty(db_env):
    """A treaty held at 100 plus the "maintained" rule once made objective 8 "On track"."""
    row = rating_of("MEX", 8)
    assert row["trend"] not in ("on_track", "moderate")
    assert row["indicators_total"] == 1 and r.cell_text(row).split(" · ")[0].endswith("¹")   # one indicator, said
    assert row["commitments_met"] == 1                                # the CPED, counted apart


def test_objective_21_is_not_rated_from_how_mexico_treats_a_countrys_nationals(db_env):
    """Haiti was "High, on track" from 8 returns, Belize "Very low" from 2."""
    for iso3 in ("HTI", "BLZ"):
        row = rating_of(iso3, 21)
        assert row["score_class"] == "context" and math.isnan(row["score"]) and not isinstance(row["trend"], str)


def test_no_country_is_rated_best_on_deaths_for_recording_none(db_env):
    from gcm.queries.rating import load_indicator_scores

    scores = load_indicator_scores((2014, 2025), (), 8)
    rate = scores[scores["indicator_code"] == "mmp_dead_missing_nationals_rate"]
    assert (rate.loc[rate["latest_value"] == 0, "status"] == "too_few").all()
    assert (rate.loc[rate["status"] == "scored", "latest_events"] >= 20).all()
    assert rate["trend"].isna().all()     # identification changed: never trended
