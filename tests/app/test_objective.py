"""Objective page: commitments, indicator trend and ranking, practices and prompts, from the URL."""
from __future__ import annotations

import json

import duckdb

from tests.app.conftest import open_page
from tests.standing_oracle import RANKED_LATEST_SQL, ranked_params


def charts(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_objective_10_from_the_url(db_env):
    at = open_page("objective", objective="10")
    assert not at.exception
    assert at.title[0].value.startswith("Objective 10 · ")
    trend, ranking = charts(at)[:2]
    deck = at.get("deck_gl_json_chart")[0].proto.json
    assert "http://" not in deck and "https://" not in deck  # no basemap or tiles to fetch
    assert "Guyana" in deck  # every country with a latest value is on the map
    assert "Detected victims of trafficking" in trend["layout"]["title"]["text"]
    assert "Source: UNODC" in " ".join(a["text"] for a in trend["layout"]["annotations"])
    # the ranking lists every country whose latest whole-year figure is exact (the one rule of every page)
    con = duckdb.connect(str(db_env), read_only=True)
    n = len(con.execute(RANKED_LATEST_SQL, ranked_params("glotip_victims_rate", 2014, 2025)).fetchall())
    assert len(ranking["data"][0]["y"]) == n
    assert any("P" in str(v) for v in at.dataframe[-1].value.iloc[:, 0]) or len(at.dataframe[-1].value) > 0
    assert any("round table" in h.value for h in at.header)


def test_choosing_countries_changes_the_trend(db_env):
    at = open_page("objective", objective="8", indicator="mmp_dead_missing", countries="MEX,GTM")
    assert not at.exception
    names = {t["name"] for t in charts(at)[0]["data"]}
    assert names == {"Mexico", "Guatemala", "Regional median"}
    at.sidebar.multiselect[0].set_value(["PAN"]).run()
    assert {t["name"] for t in charts(at)[0]["data"]} == {"Panama", "Regional median"}


def test_indicator_of_another_objective_is_dropped_with_a_note(db_env):
    at = open_page("objective", objective="8", indicator="glotip_victims")
    assert not at.exception
    assert any("does not belong" in w.value for w in at.warning)
    assert "Dead and missing" in charts(at)[0]["layout"]["title"]["text"]


def test_objective_without_indicators_says_it_is_a_data_gap(db_env):
    at = open_page("objective", objective="17")
    assert not at.exception
    assert any("Data gap" in w.value for w in at.warning)
    assert charts(at) == []


def test_spanish(db_env):
    at = open_page("objective", objective="21", lang="es")
    assert not at.exception
    assert at.title[0].value.startswith("Objetivo 21 · ")
    trend = charts(at)[0]
    assert "Fuente:" in " ".join(a["text"] for a in trend["layout"]["annotations"])
    assert trend["layout"]["yaxis"]["title"]["text"] == "porcentaje"  # units come in the reader's language
    assert trend["layout"]["separators"] == ",."
    definition = duckdb.connect(str(db_env), read_only=True).execute(
        "SELECT definition_es FROM dim_indicators WHERE indicator_code = 'mex_assisted_return_share'").fetchall()[0][0]
    assert any(c.value.startswith(definition) for c in at.caption)  # the definition in the reader's language


def test_captions_describe_the_trend_ranking_and_map_from_the_same_data(db_env):
    from gcm.describe import describe_ranking

    at = open_page("objective", objective="10", lang="pt", years="2014-2021")
    assert not at.exception
    con = duckdb.connect(str(db_env), read_only=True)
    latest = con.execute(RANKED_LATEST_SQL, ranked_params("glotip_victims_rate", 2014, 2021)).df()
    names = dict(con.execute("SELECT country_iso3, name_pt FROM dim_countries").fetchall())
    values = latest.set_index("country_iso3")["value"]
    top = names[values.idxmax()]
    trend, ranking, legend = (c.proto for c in at.get("plotly_chart"))
    shown = [c.value.replace("\\", "") for c in at.caption]
    assert trend.alt in shown and ranking.alt in shown and legend.alt in shown
    assert ranking.alt.startswith(f"{top} ocupa o primeiro lugar")
    assert f"a mediana dos {len(values)} países classificados" in ranking.alt
    # The ranked countries' sentence, then those whose rate rests on too few victims (ranked by no page).
    assert ranking.alt.startswith(describe_ranking(values, names, "pt", "por 100 mil habitantes") + " ")
    assert "não são classificados (menos de 20 casos)." in ranking.alt
    assert top in trend.alt and top in legend.alt
    assert legend.alt in at.get("deck_gl_json_chart")[0].proto.alt
    for chart, kind in ((trend, "trend"), (ranking, "ranking")):
        config = json.loads(chart.config)
        assert config["toImageButtonOptions"]["filename"] == f"gcm-objective-10-glotip_victims_rate-2014-2021-{kind}"
        assert config["toImageButtonOptions"]["format"] == "png" and config["displaylogo"] is False


def test_a_count_in_spanish_is_ranked_by_size_never_as_better(db_env):
    """Dead and missing migrants by country of incident (lower is better in the catalogue) is a count: the
    page puts the largest recorded count first and says it is ranked by size, in the reader's language."""
    at = open_page("objective", objective="8", indicator="mmp_dead_missing", lang="es")
    assert not at.exception
    con = duckdb.connect(str(db_env), read_only=True)
    latest = con.execute(RANKED_LATEST_SQL, ranked_params("mmp_dead_missing", 2014, 2025)).df()
    latest = latest.set_index("country_iso3")["value"]
    top = con.execute("SELECT name_es FROM dim_countries WHERE country_iso3 = ?", [latest.idxmax()]).fetchall()[0][0]
    ranking = charts(at)[1]
    assert ranking["data"][0]["y"][-1] == top  # the first bar (plotly draws it at the top, last in y)
    shown = [c.value.replace("\\", "") for c in at.caption]
    note = "Ordenado por tamaño, de mayor a menor"
    assert any(c.startswith(f"{top} tiene el recuento más alto") for c in shown)
    assert any(c.startswith(note) for c in shown)
    ranking_texts = [c for c in shown if c.startswith((top, note))]
    assert ranking_texts and not any(w in c for c in ranking_texts for w in ("mejor", "peor", "primer lugar"))
    table = next(d.value for d in at.dataframe if "Posición" in d.value.columns)
    assert table["Posición"].iloc[0] == "1" and table["País"].iloc[0] == top


def test_presenter_mode_shows_the_same_tables_as_static_tables_at_body_size(db_env):
    """In presenter mode the page's short tables are static (st.table takes the presenter's type size; the data
    grid does not) and hold the same figures as the grid, written as the reader's region writes them."""
    grid = open_page("objective", objective="10", lang="es-AR")
    present = open_page("objective", objective="10", lang="es-AR", present="1")
    assert not grid.exception and not present.exception
    assert not grid.table and len(grid.dataframe) == 4
    assert not present.dataframe and len(present.table) == 4
    for shown, static in zip(grid.dataframe, present.table):
        expected = shown.value.astype(object).where(shown.value.notna(), "–").astype(str)
        literal = static.value.replace(r"\\(.)", r"\1", regex=True)  # st.table's Markdown undoes the escapes
        assert list(literal.columns) == list(expected.columns)
        assert literal.values.tolist() == expected.values.tolist()
    # A decimal comma in Argentina, in the static table as in the grid's text (the ranking's latest values).
    assert any("," in v for v in present.table[2].value.iloc[:, 2])


def test_a_rate_on_too_few_deaths_is_shown_but_not_ranked_in_spanish(db_env):
    """Dead and missing nationals per 100,000: a country with fewer than 20 recorded deaths in its latest
    year (none recorded included) is listed last with "–" and a note, never first; the sentence counts them."""
    at = open_page("objective", objective="8", indicator="mmp_dead_missing_nationals_rate", lang="es",
                   years="2014-2025")
    assert not at.exception
    con = duckdb.connect(str(db_env), read_only=True)
    deaths = dict(con.execute(
        """SELECT r.country_iso3, c.value FROM fct_indicator_values r LEFT JOIN fct_indicator_values c
             ON c.indicator_code = 'mmp_dead_missing_nationals' AND c.country_iso3 = r.country_iso3 AND c.year = r.year
           WHERE r.indicator_code = 'mmp_dead_missing_nationals_rate' AND r.value IS NOT NULL
             AND r.year BETWEEN 2014 AND 2025 AND (r.months_covered IS NULL OR r.months_covered >= 12)
           QUALIFY r.year = max(r.year) OVER (PARTITION BY r.country_iso3)""").fetchall())
    names = dict(con.execute("SELECT name_es, country_iso3 FROM dim_countries").fetchall())
    few = sum(1 for n in deaths.values() if not n or n < 20)
    assert few >= 10
    table = next(d.value for d in at.dataframe if "Posición" in d.value.columns)
    ranked = table[table["Posición"] != "–"]
    assert ranked["Posición"].iloc[0] == "1" and deaths[names[ranked["País"].iloc[0]]] >= 20
    assert all(deaths[names[c]] >= 20 for c in ranked["País"])
    unranked = table[table["Posición"] == "–"]
    assert len(unranked) == few and (unranked["Nota"] == "menos de 20 casos").all()
    shown = [c.value.replace("\\", "") for c in at.caption]
    assert any(f"{few} países no se clasifican (menos de 20 casos)." in c for c in shown)
    assert not any("comparten el primer lugar con 0" in c for c in shown)
    assert any("Una tasa basada en menos de 20 casos" in c for c in shown)


def yearly_median(db, code: str, lo: int, hi: int) -> dict[int, float]:
    """The median the ranking would take, year by year: whole years, exact figures only (no censored value,
    no lower bound), at least three countries. (This indicator is a count: no minimum of cases applies.)"""
    con = duckdb.connect(str(db), read_only=True)
    return dict(con.execute(
        """SELECT year, median(value) FROM fct_indicator_values
           WHERE indicator_code = ? AND year BETWEEN ? AND ? AND value IS NOT NULL
             AND coalesce(value_flag, '') NOT IN ('suppressed', 'lower_bound')
             AND (months_covered IS NULL OR months_covered >= 12 OR value_flag = 'border_closed')
           GROUP BY year HAVING count(*) >= 3""", [code, lo, hi]).fetchall())


def values_of(array) -> list:
    from tests.app.test_country import values

    return values(array)


def median_line(spec: dict, label: str) -> dict[int, float]:
    """The median line's points of a trend figure (Plotly's typed arrays decoded)."""
    from tests.app.test_country import values

    line = next(d for d in spec["data"] if d.get("name") == label)
    return {int(x): y for x, y in zip(values(line["x"]), values(line["y"])) if y is not None and y == y}


def test_the_trend_median_leaves_out_lower_bounds_as_the_ranking_does(db_env):
    """Nationals detected abroad as trafficking victims: most countries' figures are sums that leave
    suppressed parts out (lower bounds). The ranking's median leaves them out, and so does the trend's
    regional median line, year by year; the caption under the trend says what it leaves out."""
    at = open_page("objective", objective="14", indicator="glotip_nationals_abroad", years="2014-2021")
    assert not at.exception
    expected = yearly_median(db_env, "glotip_nationals_abroad", 2014, 2021)
    con = duckdb.connect(str(db_env), read_only=True)
    with_bounds = dict(con.execute(
        """SELECT year, median(value) FROM fct_indicator_values WHERE indicator_code = 'glotip_nationals_abroad'
           AND year BETWEEN 2014 AND 2021 AND value IS NOT NULL GROUP BY year""").fetchall())
    assert expected[2016] != with_bounds[2016]  # 2016: 107 without its seven lower bounds, 24 with them
    assert 2020 not in expected  # two exact figures: no median that year
    assert median_line(charts(at)[0], "Regional median") == expected
    line = next(d for d in charts(at)[0]["data"] if d.get("name") == "Regional median")
    assert 2020 in values_of(line["x"]) and values_of(line["y"])[values_of(line["x"]).index(2020)] != \
        values_of(line["y"])[values_of(line["x"]).index(2020)]  # a gap (NaN), not a join from 2019 to 2021
    shown = [c.value for c in at.caption]
    assert ("Regional median line: each whole year's median across at least 3 countries, leaving out what the "
            "ranking leaves out: censored values (<5) and lower bounds.") in shown
