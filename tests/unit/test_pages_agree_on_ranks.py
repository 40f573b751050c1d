"""The objective page, the storyboard and the comparison give a country the same rank, and the region
the same median, for every rated indicator, for counts, which rank by size, and for rates computed from
counts, which leave unranked a rate resting on fewer than 20 cases (one rule: gcm.stats.standing, with
gcm.stats.ranking_direction and gcm.queries.rating.load_ranking_values)."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from gcm.compare import comparison_table
from gcm.formatting import number
from gcm.models.objective import indicator_data, indicator_view, storyboard_slide
from gcm.queries.rating import load_ranking_values, load_rating_config
from gcm.queries.reference import load_countries, load_indicators
from gcm.stats import ranking_direction
from tests.standing_oracle import RANKED_LATEST_SQL, ranked_params

YEARS = (2014, 2025)
# Counts with a catalogue direction, each way: pages rank them by size all the same.
COUNTS = ["mmp_dead_missing", "glotip_victims", "unhcr_stateless"]
# Rates computed from a count: rated ones (rating.toml's `events`) and context ones (`derived_numerator`).
RATES = ["mmp_dead_missing_nationals_rate", "glotip_victims_rate", "glotip_convicted_rate",
         "unhcr_displaced_hosted_rate", "desa_migrant_stock_rate"]


def rated_codes() -> list[str]:
    """Every indicator the scorecard uses: the outcomes it scores and the commitments it counts."""
    config = load_rating_config()
    return sorted(set(config.bounds) | set(config.commitments))


def test_every_rated_indicator_has_one_rank_per_country_and_one_median(db_env):
    codes = sorted(set(rated_codes() + COUNTS + RATES))
    assert len(codes) >= 8
    names = load_countries().set_index("country_iso3")["name_en"].to_dict()
    catalogue = load_indicators().set_index("indicator_code")
    con = duckdb.connect(str(db_env), read_only=True)
    checked = 0
    for code in codes:
        view = indicator_view(code, YEARS, (), "en", False)
        if view is None:
            continue
        table = view.table.to_pandas()
        on_objective = ({c: r for c, r in zip(table["Country"], table["Rank"]) if r != "–"}  # "–": too few cases
                        if "Rank" in table else {})  # a status: none
        countries = load_countries()["country_iso3"].tolist()
        table, median, ranked = comparison_table(load_ranking_values(code, YEARS), countries, {},
                                                 ranking_direction(catalogue.loc[code]))
        on_compare = {names[c]: label for c, label in zip(table["entity"], table["rank_label"]) if label}
        assert on_compare == on_objective, code
        data = indicator_data(code, YEARS, "en")
        oracle = con.execute(RANKED_LATEST_SQL, ranked_params(code, *YEARS)).fetchall()
        assert ranked == len(on_objective) == len(oracle), code
        if median is None:
            assert data.median != data.median, code  # NaN on both: too few countries for a median
        else:
            assert data.median == pytest.approx(median), code
            # The sentence under the ranking quotes the same median.
            assert number(data.median, "en") in view.ranking_text, code
        checked += 1
    assert checked >= 8 + len(COUNTS) + 2


@pytest.mark.parametrize("code", COUNTS)
def test_a_count_ranks_largest_first_on_the_objective_page_and_the_comparison(db_env, code):
    """Competition ranks of the latest exact values, largest first, as SQL computes them from the warehouse
    (the storyboard's steps are built by the objective page's indicator_data)."""
    con = duckdb.connect(str(db_env), read_only=True)
    want = dict(con.execute(f"SELECT country_iso3, rank() OVER (ORDER BY value DESC) FROM ({RANKED_LATEST_SQL})",
                            ranked_params(code, *YEARS)).fetchall())
    on_objective = indicator_data(code, YEARS, "en").latest.set_index("country_iso3")["rank"].to_dict()
    table, _, _ = comparison_table(load_ranking_values(code, YEARS), sorted(want), {},
                                   ranking_direction(load_indicators().set_index("indicator_code").loc[code]))
    on_compare = dict(zip(table["entity"], table["rank"]))
    assert on_objective == on_compare == want


def test_the_scorecard_rates_the_latest_value_every_page_shows(db_env):
    """A rated outcome's latest value on the scorecard is the latest whole-year value of standing()."""
    from gcm.queries.rating import load_indicator_scores
    from gcm.stats import standing

    config = load_rating_config()
    scores = load_indicator_scores(YEARS)
    compared = 0
    for code in config.bounds:
        latest = standing(load_ranking_values(code, YEARS), "higher_is_better").set_index("country_iso3")
        rated = scores[(scores["indicator_code"] == code) & scores["status"].isin(["scored", "too_few", "censored"])]
        for row in rated.itertuples():
            assert row.latest_year == latest.loc[row.country_iso3, "year"], (code, row.country_iso3)
            compared += 1
    assert compared > 50


@pytest.mark.parametrize("code", RATES)
def test_a_rate_on_too_few_cases_is_ranked_by_no_page(db_env, code):
    """The same countries, the same ranks and the same median on the objective page, the comparison and a
    storyboard's comparison step (every year), as the SQL oracle ranks them: countries whose latest count
    is under rating.toml's minimum are left out by all of them."""
    con = duckdb.connect(str(db_env), read_only=True)
    direction = ranking_direction(load_indicators().set_index("indicator_code").loc[code])
    order = "ASC" if direction == "lower_is_better" else "DESC"
    for years in (YEARS, None):
        lo, hi = years or (1900, 2100)
        ranks = f"SELECT country_iso3, rank() OVER (ORDER BY value {order}) FROM ({RANKED_LATEST_SQL})"
        want = dict(con.execute(ranks, ranked_params(code, lo, hi)).fetchall())
        data = indicator_data(code, years, "en")
        assert data.latest.set_index("country_iso3")["rank"].to_dict() == want, (code, years)
        everyone = load_countries()["country_iso3"].tolist()
        table, median, ranked = comparison_table(load_ranking_values(code, years), everyone, {}, direction)
        assert {e: r for e, r in zip(table["entity"], table["rank"]) if pd.notna(r)} == want, (code, years)
        assert ranked == len(want) and table["few"].sum() == len(data.few), (code, years)
        if median is not None:
            oracle = con.execute(f"SELECT median(value) FROM ({RANKED_LATEST_SQL})", ranked_params(code, lo, hi))
            assert median == pytest.approx(data.median) == pytest.approx(oracle.fetchone()[0])
    # The storyboard's step is drawn from every year: its bars are the first of those ranks.
    slide = storyboard_slide("comparison", code, (), "en", False)
    bars = list(slide.figure.data[0].y)[::-1]
    names = indicator_data(code, None, "en").names
    assert bars == [names[c] for c in sorted(want, key=lambda c: (want[c], c))][:len(bars)], code
