"""The Country profile: the country's own figures, every objective with data, ratings when present, honest charts."""
from __future__ import annotations

import base64
import json
import math
import re
import sys

import duckdb
import numpy as np
import pandas as pd
import pytest

from tests.app.conftest import open_page


def warehouse_value(db, code: str, iso3: str, years: tuple[int, int]) -> tuple[int, float]:
    """The latest year and value of an indicator for a country within the years, read straight from the warehouse."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            """SELECT year, value FROM fct_indicator_values
               WHERE indicator_code = ? AND country_iso3 = ? AND value IS NOT NULL AND year BETWEEN ? AND ?
               ORDER BY year DESC LIMIT 1""", (code, iso3, *years)).fetchone()


def digits(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def population_card(at) -> tuple[str, str]:
    """The population metric's value and the caption under it (year and source)."""
    metric = next(m for m in at.metric if m.label == "Population")
    caption = next(c.value.replace("\\", "") for c in at.caption if "SP.POP.TOTL" in c.value.replace("\\", ""))
    return metric.value, caption


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def values(array) -> list:
    """A Plotly data array as a list, decoding the typed-array form ({dtype, bdata}) Plotly uses for numbers."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


@pytest.mark.parametrize("iso3, name", [("COL", "Colombia"), ("HTI", "Haiti")])
def test_profile_shows_the_countrys_own_headline_figures(db_env, iso3, name):
    at = open_page("country", country=iso3)
    assert not at.exception
    assert at.title[0].value == f"Country profile: {name}"
    year, population = warehouse_value(db_env, "wdi_population", iso3, (2014, 2025))
    value, caption = population_card(at)
    assert digits(value) == round(population)
    assert caption.startswith(str(year))
    stock_year, stock = warehouse_value(db_env, "desa_migrant_stock", iso3, (2014, 2025))
    assert digits(next(m.value for m in at.metric if m.label == "International migrants living here")) == round(stock)
    # Every chart is about this country and names its source.
    specs = charts(at)
    assert specs and all(name in s["layout"]["title"]["text"] for s in specs)
    assert all(any("Source:" in a["text"] for a in s["layout"]["annotations"]) for s in specs)


def test_years_in_the_url_change_the_headline_year(db_env):
    at = open_page("country", country="COL", years="2015-2016")
    assert not at.exception
    year, population = warehouse_value(db_env, "wdi_population", "COL", (2015, 2016))
    value, caption = population_card(at)
    assert year == 2016 and caption.startswith("2016")
    assert digits(value) == round(population)


def test_choosing_another_country_changes_the_figures(db_env):
    at = open_page("country", country="COL")
    before = population_card(at)[0]
    at.selectbox(key="w_country").select("HTI").run()
    assert not at.exception
    assert at.title[0].value == "Country profile: Haiti"
    assert population_card(at)[0] != before
    assert at.query_params["country"] == "HTI"


def test_an_unknown_country_in_the_url_gives_a_note(db_env):
    at = open_page("country", country="XYZ")
    assert not at.exception
    assert any("XYZ" in w.value for w in at.warning)
    assert at.title  # the page still opens, on the default country


def test_spanish_profile_uses_spanish_names_and_numbers(db_env):
    at = open_page("country", country="COL", lang="es")
    assert at.title[0].value == "Perfil de país: Colombia"
    _, population = warehouse_value(db_env, "wdi_population", "COL", (2014, 2025))
    value = next(m.value for m in at.metric if m.label == "Población")
    assert value == f"{round(population):,}".replace(",", ".")
    assert any(s.value.startswith("10 · Prevenir y erradicar la trata") for s in at.header)


def test_objectives_list_their_practices_with_the_countrys_role(db_env):
    at = open_page("country", country="COL")
    headers = [s.value for s in at.header]
    assert "4 · Legal identity and documentation" in headers
    practices = pd.concat([d.value for d in at.dataframe if "link" in d.value.columns])
    links = practices.drop_duplicates("title").set_index("title")["link"]
    assert links["Colombia Temporary Protection Statute (ETPV)"] == "practices?practice=P01&lang=en"
    assert "Mexico Beta Groups" not in links  # another country's practice
    # Objectives with nothing for this country are listed as gaps, not silently dropped.
    assert any(c.value.startswith("6 · Fair recruitment") for c in at.caption)


def test_peer_groups_link_to_compare(db_env):
    at = open_page("country", country="COL")
    links = {p.proto.label: p.proto.query_string for p in at.get("page_link")}
    assert links["Andean Community (4 countries)"] == "countries=COL%2CBOL%2CECU%2CPER&lang=en"
    assert links["Quito Process (13 countries)"] == "countries=COL&groups=quito&lang=en"  # too many to list


def test_partial_years_and_suppressed_counts_are_marked_not_hidden(db_env):
    at = open_page("country", country="COL")
    at.session_state["cp_exp_8"] = True  # open objective 8's trend (built only when opened)
    at.run()
    deaths = next(s for s in charts(at) if s["layout"]["title"]["text"].startswith("Dead and missing migrants (country"))
    line, partial = deaths["data"][0], deaths["data"][1]
    assert partial["name"] == "Partial year" and values(partial["x"]) == [2025]
    assert values(line["x"])[-1] == 2025 and missing(values(line["y"])[-1])  # not on the full-year line

    at = open_page("country", country="BLZ")
    at.session_state["cp_exp_10"] = True  # open objective 10's trend (built only when opened)
    at.run()
    box = at.selectbox(key="cp_trend_10")
    box.select("glotip_victims").run()
    spec = next(s for s in charts(at) if s["layout"]["title"]["text"].startswith("Detected victims of trafficking ·"))
    with duckdb.connect(str(db_env), read_only=True) as con:
        censored = con.execute("""SELECT year, upper_bound FROM fct_indicator_values WHERE indicator_code =
            'glotip_victims' AND country_iso3 = 'BLZ' AND value_flag = 'suppressed' AND year >= 2014
            ORDER BY year""").fetchall()
    assert censored, "the test needs a suppressed value"
    marks = next(t for t in spec["data"] if t["name"] == "Suppressed: below the mark")
    assert list(zip(values(marks["x"]), values(marks["y"]))) == [(y, b) for y, b in censored]
    line = dict(zip(values(spec["data"][0]["x"]), values(spec["data"][0]["y"])))
    assert all(missing(line[y]) for y, _ in censored)  # a gap, never a zero


def test_choosing_another_trend_changes_the_chart(db_env):
    at = open_page("country", country="COL")
    at.session_state["cp_exp_20"] = True  # open objective 20's trend (built only when opened)
    at.run()
    box = at.selectbox(key="cp_trend_20")
    box.select("wdi_remittances_in_usd").run()

    def remittance_chart():
        return next(s for s in charts(at) if s["layout"]["title"]["text"].endswith("· Colombia")
                    and s["layout"]["title"]["text"].startswith(("Personal remittances", "Remittances")))

    before = remittance_chart()
    box.select("wdi_remittances_out_usd").run()
    assert not at.exception
    after = remittance_chart()
    assert after["layout"]["title"]["text"] != before["layout"]["title"]["text"]
    assert values(after["data"][0]["y"]) != values(before["data"][0]["y"])


def test_ratings_show_the_outcome_and_the_commitments_apart(db_env):
    at = open_page("country", country="MEX")
    assert not at.exception
    lines = [m.value for m in at.markdown if "Outcome:" in m.value or m.value.startswith("Commitments:")]
    # Objective 8: an outcome on one indicator, never trended, and the CPED counted apart.
    assert any(line.startswith("**Outcome: ") and "Not trended" in line and "Rests on a single indicator" in line
               and line.endswith("Commitments: meets 1 of 1, as of 2022") for line in lines)
    # Objective 13: OPCAT ratified, no outcome measured: a commitment, never a score.
    assert "Commitments: meets 1 of 1, as of 2022" in lines


def test_the_profile_works_without_the_rating_module(db_env, monkeypatch):
    monkeypatch.setitem(sys.modules, "gcm.queries.rating", None)  # importing it raises ImportError
    at = open_page("country", country="COL")
    assert not at.exception
    assert not [m for m in at.markdown if "Rating" in m.value]
    assert any(s.value.startswith("8 · ") for s in at.header)


def test_later_trends_are_built_only_when_opened(db_env):
    at = open_page("country", country="COL")
    shown = [s["layout"]["title"]["text"] for s in charts(at)]
    assert len(shown) == 2  # the first two objectives with a trend show it at once
    objective_20 = ("Personal remittances", "Remittances", "Cost of sending")
    assert not any(t.startswith(objective_20) for t in shown)
    at.session_state["cp_exp_20"] = True
    at.run()
    assert any(s["layout"]["title"]["text"].startswith(objective_20) for s in charts(at))


def test_the_trend_caption_says_the_latest_value_and_the_change_since_2018(db_env):
    at = open_page("country", country="COL", years="2014-2021")
    assert not at.exception
    chart = at.get("plotly_chart")[0].proto
    spec = json.loads(chart.spec)
    # The line as drawn: its last point, and its 2018 point.
    line = {int(x): y for x, y in zip(values(spec["data"][0]["x"]), values(spec["data"][0]["y"])) if y is not None
            and not math.isnan(y)}
    last = max(line)
    from gcm.formatting import number
    assert chart.alt.startswith(f"In {last}, Colombia recorded {number(line[last])} (")
    base = 2018 if 2018 in line else min(line)
    change = ("up from" if line[last] > line[base] else "down from" if line[last] < line[base] else "the same as in")
    assert f" {change} " in chart.alt and str(base) in chart.alt
    assert chart.alt in [c.value.replace("\\", "") for c in at.caption]
    image = json.loads(chart.config)["toImageButtonOptions"]
    assert image["filename"].startswith("gcm-COL-objective-") and image["filename"].endswith("-2014-2021")
