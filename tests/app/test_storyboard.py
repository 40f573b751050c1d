"""Storyboard page: every step of every storyboard opens, steps move with the buttons and live in the URL."""
from __future__ import annotations

import json

import pytest

from gcm.present import STEP_KINDS, load_storyboards
from gcm.queries import reference
from tests.app.conftest import open_page

BOARDS = load_storyboards()
ROUND_TABLE = [4, 8, 9, 10, 11, 13, 14, 21, 23]
ALL_STEPS = [(o, n) for o in sorted(BOARDS) for n in range(1, len(BOARDS[o]) + 1)]


def param(at, name: str) -> str:
    """A URL parameter as the address bar shows it."""
    value = at.query_params[name]
    return value[0] if isinstance(value, list) else str(value)


def step_line(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_a_storyboard_for_every_round_table_objective():
    assert sorted(BOARDS) == ROUND_TABLE
    for objective, steps in BOARDS.items():
        assert len(steps) >= 4
        assert {s.kind for s in steps} <= set(STEP_KINDS)
        assert steps[-1].kind == "prompts"


def test_storyboard_indicators_belong_to_their_objective_and_have_data(db_env):
    indicators = reference.load_indicators().set_index("indicator_code")
    for objective, steps in BOARDS.items():
        for step in steps:
            if step.indicator:
                assert step.indicator in indicators.index, step.indicator
                assert int(indicators.loc[step.indicator, "objective_id"]) == objective, step.indicator


@pytest.mark.parametrize("objective,step", ALL_STEPS, ids=[f"obj{o}-step{n}" for o, n in ALL_STEPS])
def test_every_step_opens(db_env, objective, step):
    at = open_page("storyboard", objective=str(objective), step=str(step))
    assert not at.exception
    assert f"Step {step} of {len(BOARDS[objective])}" in step_line(at)
    assert f"Objective {objective} · " in step_line(at)
    assert not at.warning
    kind = BOARDS[objective][step - 1].kind
    if kind in ("trend", "comparison"):
        assert len(at.get("plotly_chart")) == 1
    if kind == "map":
        assert len(at.get("deck_gl_json_chart")) == 1
    if kind == "headline":
        assert len(at.metric) == 3


def test_next_and_previous_move_the_step_and_the_url(db_env):
    at = open_page("storyboard", objective="10", lang="es")
    assert "Paso 1 de 6" in step_line(at)
    prev, nxt = at.button(key="sb_prev"), at.button(key="sb_next")
    assert prev.disabled and not nxt.disabled
    first_title = at.title[0].value
    at.button(key="sb_next").click().run()
    assert not at.exception
    assert "Paso 2 de 6" in step_line(at)
    assert param(at, "step") == "2"
    assert param(at, "objective") == "10" and param(at, "lang") == "es"
    assert at.title[0].value != first_title
    trend = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "Fuente:" in " ".join(a["text"] for a in trend["layout"]["annotations"])
    at.button(key="sb_next").click().run()
    assert "Paso 3 de 6" in step_line(at) and param(at, "step") == "3"
    at.button(key="sb_prev").click().run()
    assert "Paso 2 de 6" in step_line(at) and param(at, "step") == "2"


def test_last_step_has_no_next_and_shows_the_prompts(db_env):
    at = open_page("storyboard", objective="10", step="6")
    assert at.button(key="sb_next").disabled and not at.button(key="sb_prev").disabled
    assert at.title[0].value == "Questions for the round table"
    assert any(m.value.startswith("1. ") for m in at.markdown)


def test_a_step_url_reproduces_that_step(db_env):
    walked = open_page("storyboard", objective="8")
    for _ in range(3):
        walked.button(key="sb_next").click().run()
    linked = open_page("storyboard", **{k: param(walked, k) for k in walked.query_params})
    assert "Step 4 of 6" in step_line(linked)
    assert linked.title[0].value == walked.title[0].value
    assert json.loads(linked.get("plotly_chart")[0].proto.spec)["data"][0]["y"] == \
        json.loads(walked.get("plotly_chart")[0].proto.spec)["data"][0]["y"]


@pytest.mark.parametrize("bad", ["0", "7", "abc", "-1"])
def test_invalid_step_gives_a_note_and_step_1(db_env, bad):
    at = open_page("storyboard", objective="10", step=bad)
    assert not at.exception
    assert any("is not a step of this storyboard" in w.value for w in at.warning)
    assert "Step 1 of 6" in step_line(at)


def test_objective_without_storyboard_gives_a_note(db_env):
    at = open_page("storyboard", objective="17", lang="pt")
    assert not at.exception
    assert any("Não há roteiro para o objetivo 17" in w.value for w in at.warning)
    assert "Objetivo 10 · " in step_line(at)


# Presenter mode's rule hiding the sidebar (the normal page's style also names the sidebar, to size its headings).
HIDES_SIDEBAR = '[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"]'


def test_presenter_mode_injects_the_style_and_keeps_present_in_the_url(db_env):
    at = open_page("storyboard", objective="10", step="2", present="1", lang="es")
    assert not at.exception
    assert param(at, "present") == "1"
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert HIDES_SIDEBAR in styles and "display: none" in styles
    trend = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert trend["layout"]["font"]["size"] >= 16
    assert all(a["font"]["size"] >= 16 for a in trend["layout"]["annotations"])
    at.button(key="sb_next").click().run()
    assert param(at, "present") == "1" and param(at, "step") == "3"
    # the same page without presenter mode has no presenter style
    plain = open_page("storyboard", objective="10", step="2")
    assert HIDES_SIDEBAR not in " ".join(h.proto.body for h in plain.get("html"))


CHART_STEPS = [(o, n) for o, n in ALL_STEPS if o in (4, 10, 21) and BOARDS[o][n - 1].kind in ("trend", "comparison", "map")]


@pytest.mark.parametrize("objective,step", CHART_STEPS, ids=[f"obj{o}-step{n}" for o, n in CHART_STEPS])
def test_each_chart_step_describes_its_chart_in_the_chosen_language(db_env, objective, step):
    """The sentence under the chart is its alt text too, in Spanish; the PNG is named after the step."""
    at = open_page("storyboard", objective=str(objective), step=str(step), lang="es", present="1")
    assert not at.exception
    chart = at.get("plotly_chart")[-1]
    # Captions are Markdown with the data's punctuation escaped.
    described = [c.value for c in at.caption if chart.proto.alt and chart.proto.alt in c.value.replace("\\", "")]
    assert described, (chart.proto.alt, [c.value for c in at.caption])
    assert any(word in chart.proto.alt for word in ("En ", "países", "primer lugar")), chart.proto.alt
    config = json.loads(chart.proto.config)
    assert config["toImageButtonOptions"]["filename"].startswith(f"gcm-storyboard-{objective}-step{step}-")


def test_a_comparison_keeps_the_storyboards_countries_in_its_ranking(db_env):
    """Objective 8's storyboard is about the countries its trend names; its comparison ranks the countries
    with 20 or more deaths and shows eight bars: those of its countries among them, highlighted, with their
    ranks, even from the bottom; the note names those of its countries that have too few deaths to rank."""
    from gcm.models.objective import indicator_data

    about = BOARDS[8][1].countries
    step = next(n for n, s in enumerate(BOARDS[8], start=1) if s.kind == "comparison")
    assert BOARDS[8][step - 1].countries == about
    at = open_page("storyboard", objective="8", step=str(step), lang="es", present="1")
    assert not at.exception
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    names = reference.country_names("es")
    shown = [label.split(" · ", 1)[1] for label in bars["y"]]
    few = set(indicator_data("mmp_dead_missing_nationals_rate", None, "es").few["country_iso3"])
    assert "PAN" in few  # none recorded: no bar, and said
    assert len(shown) == 8 and {names[c] for c in about if c not in few} <= set(shown), shown
    said = [c.value.replace("\\", "") for c in at.caption]
    assert any("Panamá no se clasifica (menos de 20 casos)." in c for c in said), said
    ranks = [label.split(" · ", 1)[0].lstrip("=") for label in bars["y"]]
    assert int(ranks[0]) > 8  # the lowest bar (drawn first) is a chosen country from below the first eight
    highlighted = {y for y, colour in zip(shown, bars["marker"]["color"]) if colour != bars["marker"]["color"][-1]}
    assert highlighted and highlighted <= {names[c] for c in about}
    assert any("en su puesto" in c.value for c in at.caption)


def test_out_of_presenter_mode_a_chart_step_has_its_figures_as_a_table(db_env):
    """The table alternative of a step's chart: the ranking's countries and values, in the bars' order;
    presenting, the step must fit one screen and the table is left out."""
    step = next(n for n, s in enumerate(BOARDS[8], start=1) if s.kind == "comparison")
    at = open_page("storyboard", objective="8", step=str(step), lang="es")
    assert not at.exception
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    table = at.dataframe[0].value
    assert list(table.columns) == ["País", "Valor"]
    assert table["País"].tolist() == bars["y"][::-1]  # top to bottom, as the reader sees the bars
    assert not open_page("storyboard", objective="8", step=str(step), lang="es", present="1").dataframe


def test_the_first_places_and_the_chosen_countries_from_the_bottom(db_env):
    """The two last-ranked countries of a longer ranking take the last two of eight bars."""
    from gcm.models.objective import indicator_data, storyboard_slide

    ranking = indicator_data("glotip_victims_rate", None, "en").latest
    n = len(ranking)
    assert n > 10
    plain = storyboard_slide("comparison", "glotip_victims_rate", (), "en", True)
    assert plain.note.startswith(f"The first 8 of {n} countries")
    bottom = tuple(ranking["country_iso3"].iloc[-2:])
    slide = storyboard_slide("comparison", "glotip_victims_rate", bottom, "en", True)
    labels = list(slide.figure.data[0].y)[::-1]  # best first
    names = reference.country_names("en")
    expected = [f"{r.rank_label} · {names[r.country_iso3]}" for r in ranking.iloc[[0, 1, 2, 3, 4, 5, -2, -1]].itertuples()]
    assert labels == expected
    assert slide.note.startswith(f"The first 6 of {n} countries") and names[bottom[1]] in slide.note


def test_the_address_always_holds_the_step_shown(db_env):
    at = open_page("storyboard", objective="10", lang="es")
    assert param(at, "step") == "1"
    at = open_page("storyboard", objective="10", step="9")
    assert param(at, "step") == "1"


@pytest.mark.parametrize("lang,words", [("en", "Too few cases to compare (under 20)"),
                                        ("pt", "Poucos casos para comparar (menos de 20)")])
def test_the_map_step_fills_a_rate_on_too_few_cases_apart(db_env, lang, words):
    """Objective 8's map of dead and missing nationals per 100,000 (each country's latest whole year): a
    country whose latest rate rests on fewer than 20 deaths gets the neutral fill and legend entry of its
    own, and its tooltip says why, as on the map page; the compared rates keep the classes."""
    import duckdb

    from gcm.maps import FEW_COLOUR, _rgba

    con = duckdb.connect(str(db_env), read_only=True)
    deaths = dict(con.execute(
        """SELECT r.country_iso3, c.value FROM fct_indicator_values r LEFT JOIN fct_indicator_values c
             ON c.indicator_code = 'mmp_dead_missing_nationals' AND c.country_iso3 = r.country_iso3 AND c.year = r.year
           WHERE r.indicator_code = 'mmp_dead_missing_nationals_rate' AND r.value IS NOT NULL
             AND (r.months_covered IS NULL OR r.months_covered >= 12)
           QUALIFY r.year = max(r.year) OVER (PARTITION BY r.country_iso3)""").fetchall())
    few = {c for c, n in deaths.items() if n is None or n < 20}
    assert few and set(deaths) - few
    step = 1 + [s.kind for s in BOARDS[8]].index("map")
    at = open_page("storyboard", objective="8", step=str(step), lang=lang, present="1")
    assert not at.exception
    layer = next(layer for layer in json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]
                 if layer["id"] == "countries")
    shown = {f["properties"]["code"]: f["properties"] for f in layer["data"]["features"]}
    assert {c for c, p in shown.items() if p["fill"] == _rgba(FEW_COLOUR, 235)} == few
    assert all(shown[c]["tip"].endswith("\n" + words) for c in few)
    legend = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert words in [label.replace("<br>", " ") for label in legend["text"]]  # the stacked legend


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_a_presenters_caveat_is_never_cut_inside_its_sentence(db_env, lang):
    """Objective 23's map of the Migrant Workers Convention: presenting, the caveat under the map is its
    first sentence whole, with the point it makes (the series stops at the scrape and shows no later
    ratification). It was cut at a ';' inside a parenthesis ("Status as of 11 May 2023 (the date the
    scrape was committed."), and in es and pt at 160 characters with '…'."""
    caveat = reference.load_indicators().set_index("indicator_code").loc["treaty_icmw_party", f"caveats_{lang}"]
    step = 1 + [s.indicator for s in BOARDS[23]].index("treaty_icmw_party")
    at = open_page("storyboard", objective="23", step=str(step), lang=lang, present="1")
    assert not at.exception
    shown = next(c.value for c in at.caption if c.value.startswith("⚠"))
    sentence = shown.removeprefix("⚠ ").replace("\\", "")
    assert caveat.startswith(sentence) and not sentence.endswith("…")
    assert sentence.count("(") == sentence.count(")") and sentence.endswith(".")
    assert {"en": "later ratifications are not shown", "es": "no muestra ratificaciones posteriores",
            "pt": "não mostra ratificações posteriores"}[lang] in sentence
