"""A rate resting on fewer than rating.toml's `min_events` cases (20, the NCHS reliability threshold) keeps
its value but is ranked by no page and left out of the median, as the scorecard leaves it unrated: on the
real warehouse, checked against the counts themselves."""
from __future__ import annotations

import re

import duckdb
import pandas as pd
import pytest

from common.paths import DATA_DIR
from gcm.models.compare import compare_model
from gcm.models.objective import indicator_data, indicator_view, storyboard_slide
from gcm.queries.rating import load_rating_config
from gcm.queries.reference import load_indicators
from gcm.rating import ranking_events
from gcm.stats import median_by_year

YEARS = (2014, 2025)
RATE, DEATHS = "mmp_dead_missing_nationals_rate", "mmp_dead_missing_nationals"


def latest_counts(con, rate: str, count: str, years=YEARS) -> pd.DataFrame:
    """Each country's latest whole-year rate and the count of the same year, straight from the warehouse."""
    return con.execute(
        """SELECT r.country_iso3, r.value AS rate, c.value AS events FROM fct_indicator_values r
           LEFT JOIN fct_indicator_values c
             ON c.indicator_code = ? AND c.country_iso3 = r.country_iso3 AND c.year = r.year
           WHERE r.indicator_code = ? AND r.value IS NOT NULL AND r.year BETWEEN ? AND ?
             AND (r.months_covered IS NULL OR r.months_covered >= 12)
           QUALIFY r.year = max(r.year) OVER (PARTITION BY r.country_iso3)""",
        [count, rate, *years]).df().set_index("country_iso3")


def test_the_rule_names_the_count_of_every_rate_computed_from_one(db_env):
    catalogue, config = load_indicators(), load_rating_config()
    assert ranking_events(RATE, catalogue, config) == (DEATHS, 20)  # the rating's own events and minimum
    assert ranking_events("glotip_convicted_rate", catalogue, config) == ("glotip_convicted", 20)
    # Not rated, same argument: its derived numerator, the file's minimum.
    assert ranking_events("unhcr_displaced_hosted_rate", catalogue, config) == ("unhcr_displaced_hosted", 20)
    assert ranking_events("wdi_remittances_pct_gdp", catalogue, config) is None  # dollars, not cases
    assert ranking_events(DEATHS, catalogue, config) is None  # a count is ranked by size, whatever its size
    assert ranking_events("sdg_remittance_cost_to", catalogue, config) is None


def test_dead_and_missing_nationals_rank_no_country_on_fewer_than_20_deaths(db_env):
    con = duckdb.connect(str(db_env), read_only=True)
    counts = latest_counts(con, RATE, DEATHS)
    assert (counts["events"] == 0).sum() >= 10 and ((counts["events"] > 0) & (counts["events"] < 20)).any()
    data = indicator_data(RATE, YEARS, "en")
    ranked = data.latest.set_index("country_iso3")
    assert len(ranked) >= 5 and (counts.loc[ranked.index, "events"] >= 20).all()
    first = ranked.index[ranked["rank"] == 1]
    assert (counts.loc[first, "events"] >= 20).all() and (ranked.loc[first, "value"] > 0).all()
    # Every country with fewer is kept with its latest value, unranked.
    few = counts[counts["events"] < 20]
    assert sorted(data.few["country_iso3"]) == sorted(few.index)
    assert data.few.set_index("country_iso3")["value"].to_dict() == pytest.approx(few["rate"].to_dict())
    # The median is that of the ranked rates only: with the 0s of "none recorded" it would be 0.
    assert data.median == pytest.approx(counts.loc[counts["events"] >= 20, "rate"].median()) and data.median > 0


def test_the_table_marks_the_unranked_rows_and_the_sentence_counts_them(db_env):
    con = duckdb.connect(str(db_env), read_only=True)
    few = latest_counts(con, RATE, DEATHS).query("events < 20")
    view = indicator_view(RATE, YEARS, (), "en", False)
    table = view.table.to_pandas()
    unranked = table[table["Rank"] == "–"]
    assert len(unranked) == len(few) and (unranked["Note"] == "fewer than 20 cases").all()
    assert (table.loc[table["Rank"] != "–", "Note"] == "").all()
    assert list(table.index[table["Rank"] == "–"]) == list(range(len(table) - len(few), len(table)))  # last
    assert f"{len(few)} countries are not ranked (fewer than 20 cases)." in view.ranking_text
    assert "first place with 0" not in view.ranking_text
    assert "fewer than 20 cases" in view.ranking_caption
    # The chart draws the ranked bars only.
    assert len(view.ranking.data[0].y) == len(table) - len(few)


def test_the_threshold_is_read_from_the_rating_file(db_env, tmp_path, monkeypatch):
    """Raising the minimum in rating.toml (a copy) ranks only the countries with that many deaths:
    the pages follow the file, not a number in the code."""
    con = duckdb.connect(str(db_env), read_only=True)
    counts = latest_counts(con, RATE, DEATHS)
    text = (DATA_DIR / "rating.toml").read_text(encoding="utf-8")
    raised = tmp_path / "rating.toml"
    # Every minimum in the file (the rated rates' own and the file's) raised to 90.
    raised.write_text(re.sub(r"^min_events = 20\b", "min_events = 90", text, flags=re.M), encoding="utf-8")
    monkeypatch.setenv("GCM_RATING_FILE", str(raised))
    assert sorted(indicator_data(RATE, YEARS, "en").latest["country_iso3"]) == sorted(
        counts.index[counts["events"] >= 90])
    # A rate that is not rated follows the file's own minimum.
    hosted = latest_counts(con, "unhcr_displaced_hosted_rate", "unhcr_displaced_hosted")
    top_level = re.compile(r"^min_events = 20(?= +#)", flags=re.M)  # the file's minimum, not a bound's
    assert len(top_level.findall(text)) == 1
    raised.write_text(top_level.sub("min_events = 500", text), encoding="utf-8")
    got = indicator_data("unhcr_displaced_hosted_rate", YEARS, "en")
    assert sorted(got.latest["country_iso3"]) == sorted(hosted.index[hosted["events"] >= 500])
    assert len(got.few) == (hosted["events"] < 500).sum() > (hosted["events"] < 20).sum()


def test_the_compare_page_says_a_country_is_not_ranked_and_why(db_env):
    con = duckdb.connect(str(db_env), read_only=True)
    counts = latest_counts(con, RATE, DEATHS)
    assert 0 < counts.loc["PER", "events"] < 20 <= counts.loc["MEX", "events"]
    model = compare_model(RATE, YEARS, ("MEX", "PER"), (), "es", False)
    cards = {c.label: c.caption for c in model.cards}
    assert cards["Perú"].endswith("sin posición: menos de 20 casos") and "puesto" not in cards["Perú"]
    assert "puesto" in cards["México"]
    assert model.ranked == (counts["events"] >= 20).sum()
    assert "Perú (0,02) no se clasifica: menos de 20 casos" in model.ranking_text
    assert model.table.set_index("entity")["rank"].isna()["PER"]


def test_a_storyboard_comparison_counts_the_unranked_and_its_headline_every_country_with_data(db_env):
    slide = storyboard_slide("comparison", RATE, (), "pt", True)
    data = indicator_data(RATE, None, "pt")
    assert f"{len(data.few)} países não são classificados" in slide.text and len(data.few) >= 10
    headline = storyboard_slide("headline", RATE, (), "en", True)
    assert headline.metrics[2][1].startswith(f"{len(data.latest) + len(data.few)} / ")


def test_the_trend_median_leaves_out_rates_on_too_few_cases(db_env):
    """The trend's regional median in the latest year is the ranking's median, not the 0 of "none recorded"."""
    data = indicator_data(RATE, YEARS, "en")
    medians = median_by_year(data.values).set_index("year")["value"]
    assert data.median > 0 and medians.loc[int(data.latest["year"].max())] == pytest.approx(data.median)
