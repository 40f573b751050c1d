"""The scorecard's view models on the real warehouse: what the page shows, built without Streamlit."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from gcm.models.scorecard import cell_model, scorecard_model
from gcm.queries.rating import load_ratings
from gcm.rating import TRENDS

YEARS = (2014, 2025)
DOWNLOAD_COLUMNS = ["country_iso3", "country", "objective_id", "objective", "score", "rating", "trend",
                    "indicators_rated", "indicators_total", "latest_year", "single_indicator", "rank",
                    "commitments_met", "commitments_known", "commitments_as_of", "rating_version", "source",
                    "licence"]


def scorecard(countries: tuple[str, ...], lang: str = "en", objective: int | None = None, years=YEARS):
    return scorecard_model(years, countries, objective, lang, False)


def cell(country: str, objective: int, lang: str = "en", years=YEARS):
    return cell_model(years, country, objective, lang)


def focus_objectives(db) -> list[int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("SELECT objective_id FROM dim_objectives WHERE focus ORDER BY 1").fetchall()]


@pytest.mark.parametrize("lang, order", [
    ("en", ["DOM", "JAM", "BOL", "ECU", "PER"]),  # Caribbean: Dominican Republic, Jamaica; South America: Bolivia…
    ("es", ["JAM", "DOM", "BOL", "ECU", "PER"]),  # Jamaica, República Dominicana; Bolivia, Ecuador, Perú
])
def test_grid_rows_are_the_countries_by_subregion_then_name_in_the_readers_language(db_env, lang, order):
    model = scorecard(("PER", "DOM", "ECU", "JAM", "BOL"), lang)
    assert model.order == order
    focus = focus_objectives(db_env)
    assert model.objectives == focus
    # Row by row as the grid draws them: each country's objectives left to right.
    assert list(zip(model.grid["country_iso3"], model.grid["objective_id"])) == [(c, o) for c in order for o in focus]
    assert model.download["country_iso3"].tolist() == model.grid["country_iso3"].tolist()
    assert [b.label for b in model.blocks] == (["Caribbean", "South America"] if lang == "en"
                                               else ["Caribe", "América del Sur"])


def test_each_grid_block_is_described_and_the_grid_has_a_table_alternative(db_env):
    """A screen reader hears each block's own cells (not only its heading), and the table beside the
    grid gives every cell's rating and the whole-number score the cell shows."""
    model = scorecard(("PER", "DOM", "ECU", "JAM", "BOL"), "es")
    caribbean, south = model.blocks
    assert caribbean.description.startswith("Caribe: De las ")
    cells = 2 * len(model.objectives)
    assert f"De las {cells} celdas" in caribbean.description
    assert f"De las {len(model.grid) - cells} celdas" in south.description
    table = model.table
    assert list(table.columns)[:3] == ["País", "Objetivo del PMM", "Calificación"]
    assert len(table) == len(model.grid)
    assert table["País"].tolist()[0] == "Jamaica"
    scores = table["Puntuación (0–100)"]
    scored = model.grid["score"].notna().to_numpy()
    assert scored.any() and scores[scored].tolist() == [int(x + 0.5) for x in model.grid["score"][scored]]
    assert scores[~scored].isna().all()


def test_an_objective_chosen_outside_the_focus_gets_its_own_column(db_env):
    model = scorecard(("COL",), objective=5)
    assert model.objectives == sorted(focus_objectives(db_env) + [5])
    assert 5 in set(model.grid["objective_id"]) and 5 in model.objective_names


def test_the_download_has_the_columns_the_page_offers_one_row_per_cell(db_env):
    model = scorecard(("COL", "PER", "MEX"), "pt")
    assert list(model.download.columns) == DOWNLOAD_COLUMNS
    assert len(model.download) == 3 * len(model.objectives)
    assert set(model.download_headers) <= set(DOWNLOAD_COLUMNS)
    assert model.download_headers["score"] == "Pontuação (0–100)"
    # Texts in the reader's language: an objective without outcome indicators says so in Portuguese.
    assert "Sem indicador de resultado" in set(model.download["rating"])
    # Commitments travel with the download, apart from the score.
    mex13 = model.download[(model.download["country_iso3"] == "MEX") & (model.download["objective_id"] == 13)].iloc[0]
    assert (mex13["commitments_met"], mex13["commitments_known"]) == (1, 1) and pd.isna(mex13["score"])
    assert model.download["rating_version"].nunique() == 1 and model.download["source"].str.len().min() > 0
    # Each row names its own sources: objective 13 rests on a treaty, objective 8 on Missing Migrants too.
    by_objective = model.download.drop_duplicates("objective_id").set_index("objective_id")
    assert by_objective.loc[13, "source"] == "UN Treaty Collection"
    assert "IOM Missing Migrants Project" in by_objective.loc[8, "source"]
    assert "UNODC" not in by_objective.loc[8, "source"]


def test_headline_deaths_are_the_warehouse_total_for_the_countries_and_years(db_env):
    with duckdb.connect(str(db_env), read_only=True) as con:
        total = con.execute("""SELECT sum(value) FROM fct_indicator_values WHERE indicator_code = 'mmp_dead_missing'
                               AND country_iso3 IN ('MEX', 'GTM') AND year BETWEEN 2016 AND 2020""").fetchone()[0]
    model = scorecard(("MEX", "GTM"), "es", years=(2016, 2020))
    dead = model.headlines[0]
    assert dead.label == "Muertos y desaparecidos"
    assert dead.value == f"{round(total):,}".replace(",", ".")
    assert "2016–2020" in dead.caption
    assert model.title.startswith("Tablero regional")
    assert [h.value.endswith("de 2") for h in model.headlines[2:]] == [True, True]  # ICMW parties, GCM supporters


def test_the_detail_opens_on_the_first_objective_with_rated_indicators(db_env):
    model = scorecard(("COL", "PER"))
    rated = model.grid.groupby("objective_id")["indicators_total"].max()
    assert rated[model.first_objective] > 0
    assert all(rated[o] == 0 for o in model.objectives[:model.objectives.index(model.first_objective)])


def test_before_the_baseline_no_cell_has_a_trend(db_env):
    early = scorecard(("COL", "PER", "MEX"), years=(2015, 2017))
    late = scorecard(("COL", "PER", "MEX"))
    assert not early.grid["trend"].isin(TRENDS).any()
    assert late.grid["trend"].isin(TRENDS).any()


def test_a_cells_indicator_table_and_its_peers_rated_better(db_env):
    detail = cell("COL", 10)
    assert detail.heading == "Colombia · 10. Prevent and end trafficking in persons"
    assert "Detected victims of trafficking per 100,000 population" in detail.table["Indicator"].tolist()
    assert [m.label for m in detail.metrics] == ["Outcome rating", "Outcome indicators with recent data",
                                                 "Regional rank", "Commitments met"]
    assert detail.objective_link.params == {"objective": "10", "countries": "COL", "lang": "en"}
    assert detail.country_link.params == {"country": "COL", "lang": "en"}
    # "Who solved this?": only peers whose shown score is above Colombia's.
    ratings = load_ratings(YEARS)
    mine = round(ratings[(ratings["objective_id"] == 10) & (ratings["country_iso3"] == "COL")]["score"].iloc[0])
    assert detail.who.kind == "caption" and len(detail.peers) > 0
    assert (detail.peers["Score (0–100)"] > mine).all()
    assert "Colombia" not in detail.peers["Country"].tolist()


def test_a_suppressed_value_is_shown_censored_never_as_zero(db_env):
    table = cell("CHL", 10).table.set_index("Indicator")
    row = table.loc["Persons convicted of trafficking per 100,000 population"]
    assert row["Latest value"].startswith("<")
    assert pd.isna(row["Score (0–100)"])


def test_a_context_only_objective_has_no_rating_and_no_peers(db_env):
    detail = cell("MEX", 11)
    assert detail.context_only and detail.table is None and detail.trend is None
    assert detail.who.kind == "info" and detail.peers is None


def test_the_detail_speaks_the_readers_language(db_env):
    detail = cell("COL", 10, "es")
    assert detail.heading == "Colombia · 10. Prevenir y erradicar la trata de personas"
    assert list(detail.table.columns)[:2] == ["Indicador", "Puntuación (0–100)"]
    assert detail.metrics[1].value.endswith("de 2")


def test_who_solved_this_marks_each_practice_with_the_peer_it_belongs_to(db_env):
    detail = cell("DOM", 8)
    peers = set(detail.peers["Country"])
    assert detail.peer_practices is not None and detail.region_practices is None
    for owners, countries in zip(detail.peer_practices["Peer"], detail.peer_practices["Countries"]):
        named = owners.split(", ")
        assert named and set(named) <= peers and set(named) <= set(countries.split(", "))


def test_without_an_outcome_who_solved_this_points_to_the_objectives_practices_once(db_env):
    detail = cell("HTI", 21, "es")
    assert detail.peers is None and detail.peer_practices is None
    assert detail.who.text.count("Prácticas") == 1
    assert detail.region_practices.params == {"objective": "21", "lang": "es"}
