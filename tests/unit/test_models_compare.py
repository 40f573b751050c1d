"""The compare page's view model on the real warehouse: ranks with ties, groups as medians, the download."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from gcm.i18n import t
from gcm.models.compare import compare_model
from gcm.stats import rank_with_ties
from tests.standing_oracle import RANKED_LATEST_SQL, ranked_params


def sql(db: Path, query: str, params: tuple = ()) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query, params).df()


def latest(db: Path, code: str, years: tuple[int, int]) -> pd.Series:
    """Each ranked country's latest value in the years (a censored latest year counts as latest and is not
    ranked, nor is a rate on too few cases), by the oracle of tests/standing_oracle.py."""
    return sql(db, RANKED_LATEST_SQL, tuple(ranked_params(code, *years))).set_index("country_iso3")["value"]


def test_mexico_and_its_central_american_peers_share_a_rank_as_the_page_shows(db_env):
    """On the US TIP tier (lower is better) countries on one tier share a rank ('=4'), and the table says so."""
    years = (2014, 2025)
    model = compare_model("us_tip_tier", years, ("MEX", "GTM", "PAN"), ("sub:central_america",), "en", False)
    values = latest(db_env, "us_tip_tier", years)
    ranks = rank_with_ties(values, higher_is_better=False)
    n = len(values)
    shown = model.shown_table.to_pandas()
    assert list(shown[t("cmp_col_entity")]) == ["Mexico", "Guatemala", "Panama", "Central America"]
    expected = [f"rank {ranks.loc[c, 'rank_label']} of {n}" for c in ("MEX", "GTM", "PAN")]
    assert list(shown[t("cmp_col_rank")])[:3] == expected
    assert any(label.startswith("rank =") for label in expected)  # this comparison has a tie to show
    assert shown[t("cmp_col_rank")].iloc[3] == t("cmp_not_ranked_group")  # a median of members, not ranked
    # The cards say the same, and the last one is the regional median of every ranked country.
    assert [c.caption.split(" · ")[-1] for c in model.cards[:3]] == expected
    assert model.cards[-1].label == "Regional median" and model.ranked == n
    assert model.median == values.median()
    # The ranking chart: best first (the first bar is drawn at the bottom), the chosen countries marked.
    bars = model.ranking.data[0]
    labels, values_shown = list(bars.y)[::-1], list(bars.x)[::-1]
    assert values_shown == sorted(values_shown)                       # lower is better: best first
    assert {y for y in labels if y.endswith(" ◀")} == {"Mexico ◀", "Guatemala ◀", "Panama ◀"}
    assert list(bars.text)[::-1][labels.index("Mexico ◀")] == f"{values['MEX']:g}"   # its value, not its rank
    colours = dict(zip(bars.y, bars.marker.color))
    assert len({colours[y] for y in labels if not y.endswith(" ◀")}) == 1  # the others: one neutral colour
    assert len(labels) == n


def test_a_peer_group_is_the_median_of_its_members_with_data(db_env):
    years = (2014, 2021)
    model = compare_model("glotip_victims_rate", years, ("COL",), ("can",), "en", False)
    values = latest(db_env, "glotip_victims_rate", years)
    andean = values[values.index.isin(["BOL", "COL", "ECU", "PER"])]
    row = model.table.set_index("entity").loc["can"]
    assert abs(row["value"] - andean.median()) < 1e-9
    assert model.shown_table.to_pandas()[t("cmp_col_members")].iloc[1] == f"{len(andean)}/4"
    assert {d.name for d in model.trend.data} == {"Colombia", "Andean Community", "Regional median"}


def test_the_download_is_the_table_shown_with_numbers_kept_as_numbers(db_env):
    model = compare_model("glotip_victims_rate", (2014, 2021), ("COL", "PER"), (), "es", False)
    export, shown = model.export, model.shown_table.to_pandas()
    assert list(export["name"]) == list(shown[t("cmp_col_entity", "es")])
    assert [f"{v:.2f}".replace(".", ",") for v in export["value"]] == list(shown[t("cmp_col_value", "es")])
    unit, source = sql(db_env, "SELECT unit_es, source FROM dim_indicators WHERE indicator_code = "
                               "'glotip_victims_rate'").iloc[0]
    assert set(export["unit"]) == {unit} and set(export["source"]) == {source}
    assert model.export_headers["regional_median"] == t("regional_median", "es")
    assert model.heading.endswith(f"({unit})") or unit in model.heading


def test_the_descriptions_compare_each_choice_with_the_median(db_env):
    years = (2014, 2021)
    model = compare_model("glotip_victims_rate", years, ("COL", "PER"), (), "en", False)
    values = latest(db_env, "glotip_victims_rate", years)
    median = values.median()
    for code, name in (("COL", "Colombia"), ("PER", "Peru")):
        side = "above" if values[code] > median else "below"
        assert f"{name} is {side} it" in model.ranking_text
    assert f"regional median of {median:.2f}" in model.ranking_text
    assert model.direction == t("cmp_direction_higher")


def test_no_data_in_the_years_gives_no_charts(db_env):
    model = compare_model("glotip_victims_rate", (1990, 1991), ("COL", "PER"), (), "en", False)
    assert model.trend is None and model.ranking is None
    assert list(model.shown_table.to_pandas()[t("cmp_col_rank")]) == [t("cmp_not_ranked_no_value")] * 2
