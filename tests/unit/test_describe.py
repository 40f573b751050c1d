"""Chart descriptions: the sentence under a chart says what its data say, in the reader's language."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from gcm.describe import (chart_config, describe_comparison, describe_incidents, describe_map, describe_ranking,
                          describe_scorecard, describe_trend, describe_values_map, image_name)
from gcm.formatting import number
from gcm.i18n import LANGS, catalogue

NAMES = {"COL": "Colombia", "PER": "Perú", "MEX": "México", "GTM": "Guatemala", "HND": "Honduras"}


def frame(rows: list[tuple]) -> pd.DataFrame:
    """(country_iso3, year, value[, value_flag]) rows as the pages pass them."""
    df = pd.DataFrame([r + (None,) * (4 - len(r)) for r in rows],
                      columns=["country_iso3", "year", "value", "value_flag"])
    df["value"] = df["value"].astype(float)
    return df


# --- trends ------------------------------------------------------------------------------------

TREND_CASES = [
    pytest.param(
        [("COL", 2018, 2.0), ("COL", 2021, 3.0), ("PER", 2018, 5.0), ("PER", 2021, 4.5)], "en",
        "In 2021, Perú recorded the highest value of those shown: 4.50 (per 100,000). That is down from 5 in 2018.",
        id="top-falls-since-2018"),
    pytest.param(
        [("COL", 2015, 1000.0), ("COL", 2018, 1200.0), ("COL", 2022, 12345.0), ("PER", 2022, 10.0)], "es",
        "En 2022, Colombia registró el valor más alto de los mostrados: 12.345 (per 100,000). Es más que los 1.200 de 2018.",
        id="spanish-thousands-and-2018-not-first-year"),
    pytest.param(
        [("COL", 2019, 0.25), ("COL", 2023, 0.5), ("PER", 2023, 0.1)], "pt",
        "Em 2023, Colombia registrou o valor mais alto dos mostrados: 0,50 (per 100,000). É mais do que os 0,25 de 2019.",
        id="portuguese-no-2018-value-uses-first-year-shown"),
    pytest.param(
        [("COL", 2018, 3.0), ("COL", 2021, 4.0), ("PER", 2018, 1.0), ("PER", 2021, 4.0)], "en",
        "In 2021, Colombia and Perú shared the highest value of those shown: 4 (per 100,000).",
        id="tie-at-the-top"),
    pytest.param(
        [("COL", 2018, 7.0), ("COL", 2020, 7.0)], "en",
        "In 2020, Colombia recorded 7 (per 100,000). That is the same as in 2018 (7).",
        id="single-country-unchanged"),
    pytest.param(
        [("COL", 2021, 2.0)], "es", "En 2021, Colombia registró 2 (per 100,000).",
        id="single-point-no-change"),
    pytest.param(
        # Peru's 2022 count was suppressed ("<5"): 2022 is still the latest year, Colombia's alone.
        [("COL", 2018, 6.0), ("COL", 2022, 8.0), ("PER", 2018, 9.0), ("PER", 2022, None, "suppressed")], "en",
        "In 2022, Colombia recorded the highest value of those shown: 8 (per 100,000). That is up from 6 in 2018.",
        id="suppressed-value-is-not-a-number"),
    pytest.param([], "pt", "Não há valores a descrever para esta seleção.", id="empty"),
    pytest.param([("COL", 2020, None, "suppressed")], "en", "No values to describe for this selection.",
                 id="only-suppressed"),
]


@pytest.mark.parametrize("rows, lang, expected", TREND_CASES)
def test_trend_sentences(rows, lang, expected):
    assert describe_trend(frame(rows), NAMES, lang, "per 100,000") == expected


# --- rankings ----------------------------------------------------------------------------------

RANK_CASES = [
    pytest.param({"COL": 3.0, "PER": 1.0, "MEX": 2.0}, True, "en",
                 "Colombia ranks first with 3; the median of the 3 countries ranked is 2.", id="plain"),
    pytest.param({"COL": 3.0, "PER": 1.0, "MEX": 2.0}, False, "en",
                 "Perú ranks first with 1; the median of the 3 countries ranked is 2.", id="lower-is-better"),
    pytest.param({"COL": 5.0, "PER": 2.0, "MEX": 2.0, "GTM": 1.0}, True, "es",
                 "Colombia ocupa el primer lugar con 5; la mediana de los 4 países clasificados es 2. "
                 "Posiciones empatadas: =2: México y Perú.", id="tie-below-first"),
    pytest.param({"COL": 1.0, "PER": 1.0, "MEX": 0.0}, True, "pt",
                 "Colombia e Perú dividem o primeiro lugar com 1; a mediana dos 3 países classificados é 1.",
                 id="tie-at-first"),
    pytest.param({"COL": 1.0, "PER": 1.0, "MEX": 1.0, "GTM": 1.0, "HND": 1.0}, True, "en",
                 "5 countries share first place with 1; the median of the 5 countries ranked is 1.",
                 id="everyone-tied-is-a-count"),
    pytest.param({"COL": 1234.5, "PER": None}, True, "es",
                 "Colombia es el único país con un valor: 1.234 (personas).", id="single-country-after-missing"),
    pytest.param({}, True, "en", "No values to describe for this selection.", id="empty"),
]


@pytest.mark.parametrize("values, higher, lang, expected", RANK_CASES)
def test_ranking_sentences(values, higher, lang, expected):
    unit = "personas" if lang == "es" and len(values) == 2 else ""
    assert describe_ranking(pd.Series(values, dtype=float), NAMES, lang, unit, higher) == expected


COUNT_CASES = [
    pytest.param({"COL": 3.0, "PER": 0.0, "MEX": 2.0}, "en", "",
                 "Colombia has the largest count, 3; the median of the 3 countries ranked by size is 2.",
                 id="largest-first"),
    pytest.param({"COL": 0.0, "PER": 4.0, "MEX": 4.0, "GTM": 0.0}, "es", "Víctimas por 100 mil habitantes",
                 "México y Perú comparten el recuento más alto, 4; la mediana de los 4 países ordenados por tamaño "
                 "es 2. Posiciones empatadas: =3: Colombia y Guatemala. Para comparar países de distinto tamaño, "
                 "véase «Víctimas por 100 mil habitantes».", id="ties-and-the-rate"),
    pytest.param({"COL": 0.0, "PER": 0.0, "MEX": 0.0}, "pt", "",
                 "Os 3 países classificados têm contagem 0 (pessoas).", id="none-recorded-is-not-a-first-place"),
]


@pytest.mark.parametrize("values, lang, rate, expected", COUNT_CASES)
def test_a_count_is_described_by_size_never_as_better_or_worse(values, lang, rate, expected):
    unit = "pessoas" if lang == "pt" else ""
    # Its catalogue direction (here lower is better) does not turn "none recorded" into a first place.
    got = describe_ranking(pd.Series(values, dtype=float), NAMES, lang, unit, False, count=True, rate=rate)
    assert got == expected


# --- comparison, maps, incidents ---------------------------------------------------------------

def test_comparison_places_each_country_against_the_median():
    table = pd.DataFrame({"entity": ["COL", "PER", "MEX", "GTM"], "value": [0.35, 1.61, None, 0.66],
                          "upper_bound": [None, None, 5, None], "unranked": ["", "", "suppressed", ""]})
    assert describe_comparison(table, 0.66, NAMES, "es") == (
        "Frente a la mediana regional de 0,66: Colombia está por debajo (0,35); Perú está por encima (1,61); "
        "México informa menos de 5 (sin posición); Guatemala está a la par (0,66).")


def test_a_lower_bound_is_never_placed_against_the_median():
    """A lower bound (suppressed parts left out) could be anywhere above its value: said as 'at least',
    unranked, as on its card, never 'below' the median (GLOTIP's nationals abroad has such values)."""
    table = pd.DataFrame({"entity": ["COL", "PER"], "value": [153.0, 24.0], "upper_bound": [None, None],
                          "unranked": ["", "lower_bound"]})
    assert describe_comparison(table, 107, NAMES, "pt") == (
        "Em relação à mediana regional de 107: Colombia está acima (153); Perú tem pelo menos 24 "
        "(sem posição: limite inferior).")
    assert describe_comparison(table.iloc[:0], None, NAMES, "en") == "No values to describe for this selection."


FEW_CASES = [
    pytest.param({"COL": 0.05, "MEX": 0.14, "GTM": 0.46}, ["PER", "HND"], "en",
                 "Colombia ranks first with 0.05; the median of the 3 countries ranked is 0.14. Honduras and Perú "
                 "are not ranked (fewer than 20 cases).", id="named"),
    pytest.param({"COL": 0.05, "MEX": 0.13}, ["PER", "HND", "GTM", "BRA", "CHL"], "es",
                 "Colombia ocupa el primer lugar con 0,05; la mediana de los 2 países clasificados es 0,09. 5 países "
                 "no se clasifican (menos de 20 casos).", id="counted"),
    pytest.param({"MEX": 0.14}, ["PER"], "pt",
                 "México é o único país classificado, com 0,14. Perú não é classificado (menos de 20 casos).",
                 id="one-ranked-is-not-the-only-value"),
    pytest.param({}, ["PER", "COL"], "en",
                 "Colombia and Perú are not ranked (fewer than 20 cases).", id="none-ranked"),
]


@pytest.mark.parametrize("values, few, lang, expected", FEW_CASES)
def test_a_ranking_says_which_rates_rest_on_too_few_cases(values, few, lang, expected):
    got = describe_ranking(pd.Series(values, dtype=float), NAMES, lang, "", False, few=few, min_events=20)
    assert got == expected


def test_a_comparison_says_a_rate_on_too_few_cases_is_not_ranked():
    table = pd.DataFrame({"entity": ["COL", "PER"], "value": [0.05, 0.02], "upper_bound": [None, None],
                          "unranked": ["", "few"]})
    assert describe_comparison(table, 0.34, NAMES, "en", min_events=20) == (
        "Against the regional median of 0.34: Colombia is below it (0.05); Perú (0.02) is not ranked: "
        "fewer than 20 cases.")


def test_values_map_names_the_highest_and_the_years():
    rows = frame([("COL", 2020, 4.0), ("PER", 2021, 4.0), ("MEX", 2021, 1.0), ("GTM", 2021, None, "suppressed")])
    assert describe_values_map(rows, NAMES, "en") == (
        "3 countries are filled (2020–2021); the highest value is in Colombia and Perú: 4.")


def test_values_map_of_a_status_counts_each_state_rather_than_naming_a_highest_value():
    rows = frame([("COL", 2025, 1.0), ("PER", 2025, 1.0), ("CHL", 2025, 0.0)])
    assert describe_values_map(rows, NAMES, "en", "1 = supports, 0 = not") == (
        "3 countries are filled (2025): 2 at 1 and 1 at 0 (1 = supports, 0 = not).")
    assert describe_values_map(rows, NAMES, "pt") == "3 países estão coloridos (2025): 2 com 1 e 1 com 0."


def test_incidents_total_and_country_with_most():
    incidents = pd.DataFrame({"country_iso3": ["MEX", "MEX", "GTM", "HND"], "dead_and_missing": [600, 700, 1200, 3]})
    assert describe_incidents(incidents, NAMES, "2022", "pt") == (
        "4 incidentes registrados em 2022, com 2.503 pessoas mortas e desaparecidas; a maioria em México (1.300).")
    assert describe_map(None, incidents.iloc[:0], NAMES, "2022", "en") == (
        "No incidents recorded in 2022 for this selection.")
    assert describe_map(None, None, NAMES, "2022", "es") == "Todas las capas del mapa están desactivadas."


# --- against the warehouse: a description computed independently ------------------------------

def test_trend_description_matches_one_computed_by_hand_from_the_warehouse(db_env):
    con = duckdb.connect(str(db_env), read_only=True)
    values = con.execute("""SELECT country_iso3, year, value, value_flag FROM fct_indicator_values
                            WHERE indicator_code = 'glotip_victims_rate' AND year BETWEEN 2014 AND 2021
                              AND country_iso3 IN ('COL', 'PER', 'MEX', 'GTM')""").df()
    names = dict(con.execute("SELECT country_iso3, name_es FROM dim_countries").fetchall())
    known = values.dropna(subset=["value"])
    latest_year = known["year"].max()
    in_latest = known[known["year"] == latest_year].sort_values("value", ascending=False)
    top = in_latest.iloc[0]
    assert in_latest.iloc[1]["value"] < top["value"], "the fixture should have one clear leader"
    own = known[known["country_iso3"] == top["country_iso3"]].set_index("year")["value"]
    base_year = 2018 if 2018 in own.index else own.index.min()
    verb = "más" if top["value"] > own[base_year] else "menos"
    expected = (f"En {latest_year}, {names[top['country_iso3']]} registró el valor más alto de los mostrados: "
                f"{number(top['value'], 'es')} (por 100.000 habitantes). "
                f"Es {verb} que los {number(own[base_year], 'es')} de {base_year}.")
    assert describe_trend(values, names, "es", "por 100.000 habitantes") == expected


def test_ranking_description_matches_one_computed_by_hand_from_the_warehouse(db_env):
    con = duckdb.connect(str(db_env), read_only=True)
    values = con.execute("""SELECT country_iso3, value FROM fct_indicator_values
                            WHERE indicator_code = 'treaty_icmw_party' AND year = 2022""").df()
    names = dict(con.execute("SELECT country_iso3, name_en FROM dim_countries").fetchall())
    series = values.set_index("country_iso3")["value"]
    parties = (series == series.max()).sum()
    # Treaty membership: every state party shares first place, named by count once there are many.
    assert parties > 4
    expected = (f"{parties} countries share first place with 1; the median of the {series.notna().sum()} "
                f"countries ranked is {number(series.median(), 'en')}.")
    text = describe_ranking(series, names, "en")
    assert text.startswith(expected)
    non_parties = series.notna().sum() - parties
    if non_parties > 1:
        assert f"={parties + 1}: " in text


# --- images --------------------------------------------------------------------------------------

def test_chart_images_are_pngs_with_a_meaningful_name():
    name = image_name("objective", 10, "glotip_victims_rate", 2014, 2025, "trend")
    assert name == "gcm-objective-10-glotip_victims_rate-2014-2025-trend"
    assert image_name("compare", "COL", "a b/c") == "gcm-compare-COL-a-b-c"
    config = chart_config(name)
    assert config["toImageButtonOptions"] == {"format": "png", "filename": name, "scale": 2}
    assert config["displaylogo"] is False


def test_every_description_key_is_translated():
    keys = [k for k in catalogue() if k.startswith("desc_")]
    assert len(keys) > 15
    for key in keys:
        assert all(catalogue()[key][lang] for lang in LANGS), key


def test_trend_leaves_part_years_out():
    """January–April 2025 is not compared with whole years: the description stops at 2024."""
    rows = frame([("MEX", 2018, 400.0), ("MEX", 2024, 500.0), ("MEX", 2025, 60.0),
                  ("GTM", 2024, 300.0), ("GTM", 2025, 90.0)])
    rows["months_covered"] = [12, 12, 4, 12, 4]
    assert describe_trend(rows, NAMES, "en") == (
        "In 2024, México recorded the highest value of those shown: 500. That is up from 400 in 2018.")


# --- the scorecard grid ------------------------------------------------------------------------

OBJECTIVES = {8: "Saving lives", 10: "Trafficking", 23: "Cooperation"}


def grid(cells: list[tuple[str, int, str]]) -> pd.DataFrame:
    """(country_iso3, objective_id, score_class) rows as the scorecard passes them."""
    return pd.DataFrame(cells, columns=["country_iso3", "objective_id", "score_class"])


SCORECARD_CASES = [
    pytest.param(
        [("COL", 8, "high"), ("PER", 8, "high"), ("MEX", 8, "low"), ("COL", 10, "high"), ("PER", 10, "insufficient"),
         ("MEX", 10, "medium"), ("COL", 23, "context"), ("PER", 23, "context"), ("MEX", 23, "very_low")], "en",
        "Of the 9 country–objective cells shown, 6 have an outcome rating (High: 3; Medium: 1; Low: 1; Very low: 1); "
        "1 have too little data to be rated and 2 belong to objectives with no outcome indicator (their commitments "
        "are counted in the cells). "
        "The most ratings of “High” are in objective 8 (Saving lives) (2 countries).",
        id="counts-and-best-objective"),
    pytest.param(
        [("COL", 8, "medium"), ("PER", 10, "medium"), ("MEX", 23, "low")], "es",
        "De las 3 celdas país–objetivo mostradas, 3 tienen calificación de resultado (Medio: 2; Bajo: 1); 0 tienen "
        "datos insuficientes para calificarse y 0 corresponden a objetivos sin indicador de resultado (sus "
        "compromisos se cuentan en las celdas). La mayor cantidad de calificaciones "
        "«Medio» está en el objetivo 8 (Saving lives) y el objetivo 10 (Trafficking) (1 país).",
        id="best-class-shown-and-a-tie-between-objectives"),
    pytest.param(
        [("COL", 8, "context"), ("PER", 10, "insufficient")], "pt",
        "Nenhuma das 2 células país–objetivo mostradas tem classificação de resultado: 1 têm dados insuficientes "
        "para serem classificadas e 1 pertencem a objetivos sem indicador de resultado (os seus compromissos são "
        "contados nas células).",
        id="nothing-rated"),
    pytest.param([], "en", "No values to describe for this selection.", id="empty"),
]


@pytest.mark.parametrize("cells, lang, expected", SCORECARD_CASES)
def test_scorecard_sentences(cells, lang, expected):
    assert describe_scorecard(grid(cells), OBJECTIVES, lang) == expected


def test_scorecard_description_matches_one_counted_by_hand_from_the_warehouse(db_env):
    """The grid of the home page (focus objectives, all countries, 2014–2025), counted cell by cell."""
    from gcm.queries.rating import load_ratings
    from gcm.queries.reference import load_objectives

    objectives = load_objectives()
    focus = [int(o) for o in objectives.loc[objectives["focus"], "objective_id"]]
    names = {int(o): n for o, n in zip(objectives["objective_id"], objectives["short_pt"])}
    ratings = load_ratings((2014, 2025))
    cells = ratings[ratings["objective_id"].isin(focus)]
    counts: dict[str, int] = {}
    best_by_objective: dict[int, set[str]] = {}
    for row in cells.itertuples():
        counts[row.score_class] = counts.get(row.score_class, 0) + 1
    labels = {"high": "Alto", "medium": "Médio", "low": "Baixo", "very_low": "Muito baixo"}
    best = next(c for c in labels if counts.get(c))
    for row in cells.itertuples():
        if row.score_class == best:
            best_by_objective.setdefault(int(row.objective_id), set()).add(row.country_iso3)
    most = max(len(v) for v in best_by_objective.values())
    leaders = sorted(o for o, v in best_by_objective.items() if len(v) == most)
    assert len(leaders) == 1, "the warehouse should have one objective with the most top ratings"
    rated = sum(counts.get(c, 0) for c in labels)
    shown = "; ".join(f"{label}: {counts[c]}" for c, label in labels.items() if counts.get(c))
    expected = (f"Das {len(cells)} células país–objetivo mostradas, {rated} têm classificação de resultado ({shown}); "
                f"{counts.get('insufficient', 0)} têm dados insuficientes para serem classificadas e "
                f"{counts.get('context', 0)} pertencem a objetivos sem indicador de resultado (os seus compromissos "
                f"são contados nas células). "
                f"O maior número de classificações “{labels[best]}” está em o objetivo {leaders[0]} "
                f"({names[leaders[0]]}) ({most} países).")
    assert describe_scorecard(cells, names, "pt") == expected


def test_tied_ranks_are_listed_best_first_and_cut_after_three():
    values = pd.Series({"COL": 9.0, "PER": 1.0, "MEX": 1.0, "GTM": 5.0, "HND": 5.0, "ARG": 3.0, "BOL": 3.0,
                        "CHL": 0.0, "ECU": 0.0})
    names = NAMES | {"ARG": "Argentina", "BOL": "Bolivia", "CHL": "Chile", "ECU": "Ecuador"}
    assert describe_ranking(values, names, "en") == (
        "Colombia ranks first with 9; the median of the 9 countries ranked is 3. "
        "Tied ranks: =2: Guatemala and Honduras; =4: Argentina and Bolivia; =6: México and Perú; …")


@pytest.mark.parametrize("lang, tag, zoom, png", [
    ("es", "es", "Modo Ampliar/Reducir", "Descargar gráfica como png"),
    ("pt", "pt-BR", "Zoom", "Fazer download do gráfico como imagem (png)"),
])
def test_the_chart_toolbar_speaks_the_pages_language(lang, tag, zoom, png):
    config = chart_config("gcm-x", lang)
    assert config["locale"] == tag and config["toImageButtonOptions"]["filename"] == "gcm-x"
    words = config["locales"][tag]["dictionary"]
    assert words["Zoom"] == zoom and words["Reset axes"] and words["Autoscale"]
    # plotly.js 3 (Streamlit's) says "PNG" where the locale files say "png": both keys are translated.
    assert words["Download plot as a PNG"] == words["Download plot as a png"] == png
    assert "locale" not in chart_config("gcm-x", "en")  # English: plotly.js's own words
