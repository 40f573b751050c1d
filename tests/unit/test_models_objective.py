"""The objective page's and the storyboard's view models, on the real warehouse, without Streamlit."""
from __future__ import annotations

import ast
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from gcm.i18n import t
from gcm.models.objective import (PRACTICES_SHOWN, SUMMARY_CHARS, TOP_N, TOP_RANKED, TOP_RANKED_PRESENTING,
                                  indicator_view, objective_model, practice_cards, prompts, storyboard_slide,
                                  values_download)
from gcm.stats import rank_with_ties
from tests.standing_oracle import RANKED_LATEST_SQL, ranked_params

MODELS = Path(__file__).resolve().parents[2] / "gcm" / "models"


def sql(db: Path, query: str, params: tuple = ()) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query, params).df()


def latest(db: Path, code: str, years: tuple[int, int] = (1900, 2100)) -> pd.Series:
    """Each ranked country's latest value of an indicator in the years, straight from the warehouse."""
    df = sql(db, RANKED_LATEST_SQL, ranked_params(code, *years))
    return df.set_index("country_iso3")["value"]


def span(db: Path, code: str) -> tuple[int, int]:
    lo, hi = sql(db, "SELECT min(year), max(year) FROM fct_indicator_values WHERE indicator_code = ? "
                     "AND value IS NOT NULL", (code,)).iloc[0]
    return int(lo), int(hi)


def traces(fig) -> list[tuple]:
    """Name, x and y of each trace; a gap (NaN) reads as None so that two equal charts compare equal."""
    return [(d.name, list(d.x), [None if pd.isna(v) else v for v in d.y]) for d in fig.data]


def test_view_models_do_not_import_streamlit():
    """The models are testable without a Streamlit runtime: no import of it, nor of the modules that cache with it."""
    banned = {"streamlit", "gcm.cache", "gcm.page", "gcm.views", "gcm.present", "gcm.downloads"}
    for path in sorted(MODELS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not [n for n in names if n.split(".")[0] == "streamlit" or n in banned], (path.name, names)


def test_objective_10_lists_its_indicators_outcome_then_policy_then_context(db_env):
    model = objective_model(10, None, (), "en")
    kinds = list(model.indicators["kind"])
    assert set(kinds) == {"outcome", "policy", "context"}
    assert kinds == sorted(kinds, key=["outcome", "policy", "context"].index)
    overview = model.overview.to_pandas()
    assert list(overview[t("obj_col_kind")]) == [t(f"kind_{k}") for k in kinds]
    assert list(overview[t("obj_col_indicator")]) == list(model.indicators["name_en"])
    expected = sql(db_env, "SELECT indicator_code FROM dim_indicators WHERE objective_id = 10 AND indicator_code IN "
                           "(SELECT indicator_code FROM fct_indicator_values)")["indicator_code"]
    assert sorted(model.indicators["indicator_code"]) == sorted(expected)


def test_the_urls_indicator_is_shown_when_it_belongs_to_the_objective_else_the_headline(db_env):
    headline = sql(db_env, "SELECT headline_indicator FROM dim_objectives WHERE objective_id = 10").iloc[0, 0]
    assert objective_model(10, "glotip_convicted", (), "en").code == "glotip_convicted"
    model = objective_model(10, "mmp_dead_missing", (), "es")
    assert model.code == headline
    definition, unit = sql(db_env, "SELECT definition_es, unit_es FROM dim_indicators WHERE indicator_code = ?",
                           (headline,)).iloc[0]
    assert model.about == f"{definition} · {t('obj_unit', 'es')}: {unit}"


def test_an_objective_without_indicators_shows_none_and_still_its_practices(db_env):
    model = objective_model(17, None, (), "en")
    assert model.code is None and model.overview.num_rows == 0
    assert model.prompts == prompts(17, "en")


def test_the_ranking_table_ranks_ties_as_ties_best_first(db_env):
    years = (2014, 2021)
    view = indicator_view("glotip_victims_rate", years, (), "en", False)
    values = latest(db_env, "glotip_victims_rate", years)
    ranks = rank_with_ties(values, higher_is_better=True)
    names = dict(sql(db_env, "SELECT country_iso3, name_en FROM dim_countries").values)
    table = view.table.to_pandas()
    table = table[table["Rank"] != "–"]  # after the ranked rows, rates on too few cases (tests/unit/test_few_cases.py)
    assert len(table) == len(values)
    assert list(table["Rank"]) == sorted(table["Rank"], key=lambda r: int(r.lstrip("=")))
    assert dict(zip(table["Country"], table["Rank"])) == {names[c]: r for c, r in ranks["rank_label"].items()}
    assert table["Country"].iloc[0] == names[values.idxmax()]
    bars = view.ranking.data[0]
    assert list(bars.y)[::-1] == list(table["Country"])  # the chart draws the first bar at the bottom


def test_the_trend_shows_the_largest_latest_values_unless_countries_are_chosen(db_env):
    years = (2014, 2021)
    values = latest(db_env, "glotip_victims_rate", years)
    names = dict(sql(db_env, "SELECT country_iso3, name_en FROM dim_countries").values)
    top = {names[c] for c in values.sort_values(ascending=False).index[:TOP_N]}
    view = indicator_view("glotip_victims_rate", years, (), "en", False)
    assert {d.name for d in view.trend.data} == top | {"Regional median"}
    chosen = indicator_view("glotip_victims_rate", years, ("MEX", "GTM"), "en", False)
    assert {d.name for d in chosen.trend.data} == {"Mexico", "Guatemala", "Regional median"}
    assert names[values.idxmax()] in view.trend_text
    assert indicator_view("glotip_victims_rate", (1990, 1991), (), "en", False) is None


def test_the_download_is_every_value_shown_in_the_readers_language(db_env):
    view = indicator_view("glotip_victims_rate", (2014, 2021), (), "es", False)
    table = values_download(view.values, "es")
    unit = sql(db_env, "SELECT unit_es FROM dim_indicators WHERE indicator_code = 'glotip_victims_rate'").iloc[0, 0]
    assert len(table) == len(view.values)
    assert set(table["unit"]) == {unit}
    assert set(table["year"].dropna()) <= set(range(2014, 2022))


@pytest.mark.parametrize("kind,code", [("trend", "glotip_victims_rate"), ("comparison", "glotip_convicted_rate")])
def test_a_storyboard_slide_shows_the_objective_pages_chart(db_env, kind, code):
    """Objective 10's storyboard steps draw the objective page's chart over every year the indicator has."""
    page = indicator_view(code, span(db_env, code), (), "en", False)
    slide = storyboard_slide(kind, code, (), "en", False)
    assert not slide.empty
    if kind == "trend":
        assert traces(slide.figure) == traces(page.trend)
        assert slide.text == page.trend_text
        assert slide.figure.layout.title.text == page.trend.layout.title.text
        # Out of presenter mode the note says what the median line leaves out, as the page's caption does.
        assert slide.note == t("present_top_n", n=TOP_N) + " " + page.trend_caption
    else:
        bars, shown = slide.figure.data[0], page.ranking.data[0]
        assert list(bars.y) == list(shown.y)[-TOP_RANKED:]  # the best twelve of the page's bars
        assert list(bars.x) == list(shown.x)[-TOP_RANKED:]
        assert slide.text == page.ranking_text
        more = len(shown.y) > TOP_RANKED  # the note says how many bars are left out, if any
        assert slide.note == (t("present_ranked_top", n=TOP_RANKED, total=len(shown.y)) if more else "")
    shown = page.trend if kind == "trend" else page.ranking
    notes = [a.text for a in slide.figure.layout.annotations]
    assert any("Source" in n for n in notes) and notes == [a.text for a in shown.layout.annotations]


def test_in_presenter_mode_a_slide_drops_its_title_and_shows_fewer_bars(db_env):
    slide = storyboard_slide("comparison", "glotip_victims_rate", (), "es", True)
    assert not slide.figure.layout.title.text
    assert len(slide.figure.data[0].y) == TOP_RANKED_PRESENTING
    assert slide.figure.layout.height == 354


def test_a_comparison_step_shows_its_countries_among_the_first_places(db_env):
    """The storyboard's countries are in the ranking's bars even from below the first places, named
    with their rank so the gap shows (tests/app/test_storyboard.py checks the order)."""
    slide = storyboard_slide("comparison", "glotip_victims_rate", ("MEX", "GTM", "COL"), "en", False)
    labels = list(slide.figure.data[0].y)
    assert len(labels) == TOP_RANKED
    for name in ("Mexico", "Guatemala", "Colombia"):
        assert any(label == name or label.endswith(f" · {name}") for label in labels), (name, labels)


def test_the_headline_step_names_the_highest_latest_value(db_env):
    slide = storyboard_slide("headline", "glotip_victims", (), "en", False)
    values = latest(db_env, "glotip_victims")
    top = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    name = sql(db_env, "SELECT name_en FROM dim_countries WHERE country_iso3 = ?", (top,)).iloc[0, 0]
    (first, _), _, (_, countries) = slide.metrics
    assert name in first
    assert countries == f"{len(values)} / 35"


def test_a_map_step_describes_the_map_in_the_readers_language(db_env):
    slide = storyboard_slide("map", "glotip_victims_rate", (), "pt", True)
    assert slide.deck is not None and slide.text and slide.map_alt.endswith(slide.text)
    assert slide.legend.layout.height != storyboard_slide("map", "glotip_victims_rate", (), "pt", False).legend.layout.height


def test_practice_cards_are_short_and_count_the_rest(db_env):
    cards, more = practice_cards(10, (), "en")
    everything = objective_model(10, None, (), "en").practices.to_pandas()
    assert len(cards) == min(PRACTICES_SHOWN, len(everything))
    assert more == max(0, len(everything) - PRACTICES_SHOWN)
    assert [c.title for c in cards] == list(everything["Practice"])[:len(cards)]
    assert all(len(c.summary) <= SUMMARY_CHARS + 1 for c in cards)


@pytest.mark.parametrize("lang, title, marker", [
    ("es", "Guatemala: Código de Migración (Decreto 44-2016)", "traducido por el tablero"),
    ("pt", "Guatemala: Código de Migración (Decreto 44-2016)", "traduzido pelo painel"),
])
def test_practice_cards_and_the_objectives_table_read_in_the_readers_language(db_env, lang, title, marker):
    cards, _ = practice_cards(10, (), lang)
    p41 = next(c for c in cards if c.title == title)
    assert p41.translated == marker
    assert p41.summary.startswith("Código de 2016 que")  # the summary in the reader's language too
    assert "trafficking" not in " ".join(c.title + c.summary for c in cards).lower()
    table = objective_model(10, None, (), lang).practices.to_pandas()   # an Arrow table, as the page gets it
    assert f"{title} ({marker})" in table.iloc[:, 0].tolist()
    assert practice_cards(10, (), "en")[0][0].translated == ""  # English is the fact sheet's own text


def test_prompts_are_the_round_tables_questions(db_env):
    assert len(prompts(10, "es")) >= 2
    assert prompts(10, "es") == objective_model(10, None, (), "es").prompts
    assert prompts(10, "es") != prompts(10, "en")


def test_a_headline_and_a_map_step_carry_their_caveat_in_the_readers_language(db_env):
    # Forcibly displaced people hosted: Colombia leads, and its own undercount caveat is the headline's.
    headline = storyboard_slide("headline", "unhcr_displaced_hosted", (), "es", False)
    top = headline.metrics[0][0]
    if "Colombia" in top:
        assert "venezolanos" in headline.caveat
    assert headline.caveat
    map_step = storyboard_slide("map", "glotip_victims_rate", (), "pt", False)
    (caveat,), = sql(db_env, "SELECT caveats_pt FROM dim_indicators WHERE indicator_code = 'glotip_victims_rate'",
                     ()).values
    assert map_step.caveat == caveat


def test_the_darien_headline_names_venezuela_not_a_part_year_figure(db_env):
    """A four-month 2025 figure once made Chile "highest" (1,997 in 2024) beside Venezuela's ~210,000."""
    slide = storyboard_slide("headline", "darien_transits", (), "en", False)
    (first, value), _, _ = slide.metrics
    top = sql(db_env, """SELECT arg_max(country_iso3, value), max(value), max(year) FROM fct_indicator_values
                         WHERE indicator_code = 'darien_transits' AND coalesce(months_covered, 12) >= 12
                           AND year = (SELECT max(year) FROM fct_indicator_values
                                       WHERE indicator_code = 'darien_transits' AND coalesce(months_covered, 12) >= 12)""",
              ()).iloc[0]
    assert top.iloc[0] == "VEN" and f"Venezuela ({int(top.iloc[2])})" in first
    assert value == f"{round(top.iloc[1]):,}"


def test_the_objective_pages_map_legend_carries_the_caveat_a_storyboard_step_shows_under_its_map(db_env):
    page = indicator_view("glotip_victims_rate", (2014, 2025), (), "es", False)
    (caveat,), = sql(db_env, "SELECT caveats_es FROM dim_indicators WHERE indicator_code = 'glotip_victims_rate'",
                     ()).values
    assert page.legend.layout.annotations[0].text.replace("<br>", " ").startswith(caveat.split(".")[0])
    step = storyboard_slide("map", "glotip_victims_rate", (), "es", False)
    assert step.caveat == caveat and not step.legend.layout.annotations[0].text.startswith(caveat.split(".")[0])


def test_a_treaty_is_shown_as_a_status_never_ranked(db_env):
    view = indicator_view("treaty_icmw_party", (2014, 2025), ("COL",), "en", False)
    table = view.table.to_pandas()
    assert "Rank" not in table and set(table["Status"]) == {"Yes (1)", "No (0)"}
    (parties,), = sql(db_env, """SELECT count(*) FROM fct_indicator_values WHERE indicator_code = 'treaty_icmw_party'
                                AND value = 1 AND year = (SELECT max(year) FROM fct_indicator_values
                                                          WHERE indicator_code = 'treaty_icmw_party')""", ()).values
    assert view.ranking_text.startswith(f"{parties} of the 35 countries") and "median" not in view.ranking_text.split(".")[0]
    assert [b.x for b in view.ranking.data][0][0] == parties
    assert not [t for t in view.trend.data if t.name == "Regional median"]
