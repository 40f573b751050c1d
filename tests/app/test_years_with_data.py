"""Pages that filter by years never leave an empty view without a way out: they say which years hold
data for the indicator and a button moves the years filter (and the link) there."""
from __future__ import annotations

import json

import duckdb
import pytest

from tests.app.conftest import open_page


def year_span(db, indicator: str, countries: list[str]) -> tuple[int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            """SELECT min(year), max(year) FROM fct_indicator_values WHERE indicator_code = ?
               AND list_contains(?, country_iso3) AND (value IS NOT NULL OR value_flag = 'suppressed')""",
            [indicator, countries]).fetchone()


# (page, its URL parameters, the button's key, the indicator, the countries it counts)
PAGES = [
    ("map", {"indicator": "glotip_victims", "countries": "COL,PER"}, "map_use_years", "glotip_victims", ["COL", "PER"]),
    ("compare", {"indicator": "glotip_victims_rate", "countries": "COL,PER"}, "cmp_use_years", "glotip_victims_rate",
     ["COL", "PER"]),
    ("objective", {"objective": "10", "indicator": "glotip_victims", "countries": "COL,PER"}, "obj_use_years",
     "glotip_victims", ["COL", "PER"]),
    ("data", {"indicator": "glotip_victims", "countries": "COL,PER"}, "data_use_years", "glotip_victims", ["COL", "PER"]),
]


@pytest.mark.parametrize("page, params, key, indicator, countries", PAGES, ids=[p[0] for p in PAGES])
def test_years_without_data_say_which_years_have_some_and_one_click_moves_there(db_env, page, params, key,
                                                                                 indicator, countries):
    first, last = year_span(db_env, indicator, countries)
    assert last < 2024, "the test needs an indicator that stops before the years chosen"
    at = open_page(page, years="2024-2025", **params)
    assert not at.exception
    said = [i.value for i in at.info if "has no data in 2024–2025" in i.value]
    assert said and f"It has data in {first}–{last}." in said[0]
    button = at.button(key=key)
    assert button.label == f"Show {first}–{last}"

    button.click().run()
    assert not at.exception
    assert at.query_params["years"] == f"{first}-{last}"  # the link follows, so it can be shared
    assert tuple(at.slider(key="w_years").value) == (first, last)
    assert not any("has no data in" in i.value for i in at.info)
    assert not [b for b in at.button if b.key == key]


def test_the_map_fills_the_countries_once_the_years_are_moved(db_env):
    at = open_page("map", indicator="glotip_victims", countries="COL,PER", years="2024-2025")
    at.button(key="map_use_years").click().run()
    first, last = year_span(db_env, "glotip_victims", ["COL", "PER"])
    legend = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert legend["layout"]["title"]["text"].endswith(str(last))
    # The link reopens the same view in a fresh session.
    again = open_page("map", **{k: at.query_params[k] for k in ("indicator", "countries", "years")})
    assert not any("has no data in" in i.value for i in again.info)
    assert json.loads(again.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"] == \
        legend["layout"]["title"]["text"]


def test_spanish_says_which_years_have_data_in_spanish(db_env):
    at = open_page("compare", lang="es", indicator="glotip_victims_rate", countries="COL,PER", years="2024-2025")
    first, last = year_span(db_env, "glotip_victims_rate", ["COL", "PER"])
    assert any(f"Tiene datos en {first}–{last}." in i.value for i in at.info)
    assert at.button(key="cmp_use_years").label == f"Mostrar {first}–{last}"
