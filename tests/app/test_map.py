"""The regional map page, driven through AppTest like a person with a shared link would use it."""
from __future__ import annotations

import json

import duckdb
import pytest

from tests.app.conftest import downloaded, open_page

CENTRAL_AMERICA = "BLZ,CRI,SLV,GTM,HND,MEX,NIC,PAN"


def deck_spec(at) -> dict:
    decks = at.get("deck_gl_json_chart")
    assert len(decks) == 1
    return json.loads(decks[0].proto.json)


def layer_ids(at) -> list[str]:
    return [layer["id"] for layer in deck_spec(at)["layers"]]


def points(at) -> list[dict]:
    return next(layer for layer in deck_spec(at)["layers"] if layer["id"] == "incidents")["data"]


def legend_note(at) -> str:
    """The caveats and source written in the map's legend."""
    return json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["annotations"][0]["text"].replace("<br>", " ")


def metric(at, label: str) -> int:
    return int(next(m.value for m in at.metric if m.label == label).replace(",", "").replace(".", ""))


def warehouse(db) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(db), read_only=True)


def test_central_america_2022_total_matches_the_warehouse_and_the_link_reproduces_it(db_env):
    at = open_page("map", countries=CENTRAL_AMERICA, years="2022-2022")
    assert not at.exception
    with warehouse(db_env) as con:
        dead, n, located = con.execute(
            """SELECT sum(dead_and_missing), count(*), count(*) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL)
               FROM fct_incidents WHERE year = 2022 AND country_iso3 IN ('BLZ','CRI','SLV','GTM','HND','MEX','NIC','PAN')"""
        ).fetchone()
    assert dead > 0
    assert metric(at, "Dead and missing migrants recorded") == int(dead)
    assert metric(at, "Incidents recorded") == n
    # Where: one circle per located incident, and every incident in the table, largest first.
    assert len(points(at)) == located
    table = incidents_table(at)
    assert len(table) == n and table["dead_and_missing"].sum() == int(dead)
    assert table["dead_and_missing"].is_monotonic_decreasing
    assert set(table["country"]) <= {"Belize", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Mexico",
                                     "Nicaragua", "Panama"}
    # The view is in the URL, so the link reopens it.
    assert at.query_params["countries"] == CENTRAL_AMERICA and at.query_params["years"] == "2022-2022"
    view = deck_spec(at)["initialViewState"]
    assert 5 <= view["latitude"] <= 25 and -105 <= view["longitude"] <= -75


def test_the_deck_fetches_nothing_and_tooltips_are_plain_text(db_env):
    at = open_page("map", years="2021-2023")
    assert not at.exception
    deck = at.get("deck_gl_json_chart")[0].proto
    spec = json.loads(deck.json)
    # No provider, and the sentinel Streamlit reads as "no basemap" (a missing mapStyle loads Carto's).
    assert spec.get("mapProvider") is None and spec["mapStyle"] == "__MAP_STYLE__"
    assert "http://" not in deck.json and "https://" not in deck.json
    assert set(json.loads(deck.tooltip)) == {"text", "style"}  # deck.gl shows text as text, never as HTML
    assert layer_ids(at) == ["sea", "land", "countries", "incidents", "frame"]
    # No country chosen: incidents of all 35 countries, the US border included.
    with warehouse(db_env) as con:
        located = con.execute("""SELECT count(*) FROM fct_incidents WHERE year BETWEEN 2021 AND 2023
                                 AND latitude IS NOT NULL AND longitude IS NOT NULL""").fetchone()[0]
    assert len(points(at)) == located
    assert at.get("plotly_chart"), "the legend is missing"


def test_changing_the_countries_changes_the_points_and_the_total(db_env):
    at = open_page("map", countries="MEX", years="2022-2022")
    mexico = points(at)
    mexico_total = metric(at, "Dead and missing migrants recorded")
    at.multiselect(key="w_countries").set_value(["PAN"]).run()
    assert not at.exception
    panama = points(at)
    assert panama and panama != mexico
    assert all(-84 < p["lon"] < -76 and 6 < p["lat"] < 10 for p in panama)  # all in and around Panama
    with warehouse(db_env) as con:
        pan_total = con.execute("SELECT sum(dead_and_missing) FROM fct_incidents WHERE year = 2022 AND country_iso3 = 'PAN'").fetchone()[0]
    assert metric(at, "Dead and missing migrants recorded") == int(pan_total) != mexico_total
    assert at.query_params["countries"] == "PAN"


def test_layer_switches_remove_layers_and_are_kept_in_the_link(db_env):
    at = open_page("map", countries="GTM", years="2022-2022")
    at.toggle(key="map_layer_points").set_value(False).run()
    assert not at.exception
    assert "incidents" not in layer_ids(at) and "countries" in layer_ids(at)
    assert at.query_params["layers"] == "countries"
    at.toggle(key="map_layer_fill").set_value(False).run()
    assert layer_ids(at) == ["sea", "land"]
    assert not at.get("plotly_chart")  # no layer, no legend

    again = open_page("map", countries="GTM", years="2022-2022", layers="incidents")
    assert not again.exception
    assert "countries" not in layer_ids(again) and "incidents" in layer_ids(again)
    assert again.toggle(key="map_layer_fill").value is False


def test_indicator_and_last_year_of_the_range_fill_the_countries(db_env):
    at = open_page("map", indicator="glotip_victims", years="2015-2019", countries="COL,PER,ECU")
    assert not at.exception
    legend = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "2019" in legend["layout"]["title"]["text"]
    assert "Victims" in legend["layout"]["title"]["text"] or "victims" in legend["layout"]["title"]["text"]
    countries = next(l for l in deck_spec(at)["layers"] if l["id"] == "countries")["data"]["features"]
    assert {f["properties"]["code"] for f in countries} == {"COL", "PER", "ECU"}
    with warehouse(db_env) as con:
        rows = con.execute("""SELECT country_iso3, value, value_flag FROM fct_indicator_values
                              WHERE indicator_code = 'glotip_victims' AND year = 2019
                              AND country_iso3 IN ('COL','PER','ECU')""").fetchall()
    for code, value, flag in rows:
        tip = next(f["properties"]["tip"] for f in countries if f["properties"]["code"] == code)
        assert "2019" in tip
        if flag == "suppressed":
            assert "<" in tip
        elif value is not None:
            assert f"{value:,.0f}" in tip


def test_spanish_labels_a_bad_layer_value_gets_a_note_and_years_without_records_are_not_zero(db_env):
    at = open_page("map", lang="es", countries="HND", years="2022-2022", layers="heat")
    assert not at.exception
    assert any(m.label == "Muertos y desaparecidos registrados" for m in at.metric)
    assert any("heat" in w.value for w in at.warning)
    assert layer_ids(at) == ["sea", "land", "countries", "incidents", "frame"]  # the bad value is ignored
    tip = points(at)[0]["tip"]
    assert "Muertos y desaparecidos:" in tip and "Lugar (descrito por la OIM, en inglés):" in tip

    early = open_page("map", countries="HND", years="2000-2010")
    assert not early.exception
    assert not early.metric  # no records is not "0 dead"
    assert any("2014" in i.value for i in early.info)


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_every_map_string_is_translated(lang):
    import csv
    from common.paths import DATA_DIR

    with open(DATA_DIR / "i18n" / "map.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["key"].startswith("map_") and r[lang].strip() for r in rows)


def test_the_map_description_gives_the_total_and_the_country_with_most(db_env):
    at = open_page("map", countries=CENTRAL_AMERICA, years="2022-2022", lang="es")
    assert not at.exception
    with warehouse(db_env) as con:
        by_country = con.execute(
            """SELECT c.name_es, sum(dead_and_missing) AS dead, count(*) AS n FROM fct_incidents i
               JOIN dim_countries c USING (country_iso3)
               WHERE year = 2022 AND country_iso3 IN ('BLZ','CRI','SLV','GTM','HND','MEX','NIC','PAN')
               GROUP BY 1 ORDER BY dead DESC""").df()
    from gcm.formatting import number
    most = by_country.iloc[0]
    expected = (f"{number(by_country['n'].sum(), 'es')} incidentes registrados en 2022, con "
                f"{number(by_country['dead'].sum(), 'es')} personas muertas y desaparecidas; "
                f"la mayoría en {most['name_es']} ({number(most['dead'], 'es')}).")
    shown = [c.value.replace("\\", "") for c in at.caption]
    assert any(expected in c for c in shown)
    assert expected in at.get("deck_gl_json_chart")[0].proto.alt


def incidents_table(at):
    """The page's table of incidents (the map's fill as a table comes before it, in an expander)."""
    return next(d.value for d in at.dataframe if "dead_and_missing" in d.value.columns)


def test_thousands_of_incidents_are_grouped_by_area_and_the_groups_add_up(db_env, downloads):
    at = open_page("map", years="2014-2025")
    assert not at.exception
    with warehouse(db_env) as con:
        n, dead, located, located_dead = con.execute(
            """SELECT count(*), sum(dead_and_missing), count(*) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL),
                      sum(dead_and_missing) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL)
               FROM fct_incidents WHERE year BETWEEN 2014 AND 2025""").fetchone()
    assert located > 3000, "the real data should have enough incidents to be grouped"
    groups = points(at)
    assert len(groups) < located
    # Every located incident is in exactly one circle, and the circles' dead and missing add up.
    assert sum(g["n"] for g in groups) == located
    shown = [g["tip"].splitlines() for g in groups]
    assert all(tip[0] == f"Incidents grouped here: {g['n']:,}" for tip, g in zip(shown, groups))
    assert sum(int(tip[1].split(": ")[1].replace(",", "")) for tip in shown) == int(located_dead)
    # The caveat is in the legend, not in a paragraph under the map.
    assert "each circle groups the incidents in a cell of" in legend_note(at)
    assert not any("each circle groups" in c.value for c in at.caption)
    assert metric(at, "Dead and missing migrants recorded") == int(dead)
    # The table lists the largest thousand and says so; the download has every incident.
    table = incidents_table(at)
    assert len(table) == 1000 and table["dead_and_missing"].is_monotonic_decreasing
    assert any(f"The 1,000 largest of {n:,} incidents" in c.value for c in at.caption)
    if n > located:  # incidents with no coordinates are not in the table's first rows, but in the download
        assert f"{n - located:,} of these incidents have no coordinates" in legend_note(at)
        assert "download" in legend_note(at)
    import csv, io
    rows = list(csv.DictReader(io.StringIO(downloaded(downloads, "gcm-incidents").decode("utf-8-sig"))))
    assert len(rows) == n
    assert sum(float(r["Dead and missing"]) for r in rows) == dead


def test_a_small_selection_still_shows_each_incident(db_env):
    at = open_page("map", countries="PAN", years="2022-2022")
    assert not at.exception
    assert all(p["n"] == 1 and "Location:" in p["tip"] for p in points(at))
    assert "each circle groups" not in legend_note(at)
    assert not any("largest of" in c.value for c in at.caption)


def test_incident_dates_are_written_as_the_readers_region_writes_them(db_env):
    """The incident table's dates: a DateColumn in the region's CLDR short form (still sorted as dates), and
    in presenter mode, where a short table is static, the same text; never ISO nor the browser's language."""
    grid = open_page("map", countries="CRI", years="2022-2022", lang="es-MX")
    assert not grid.exception
    config = json.loads(grid.dataframe[-1].proto.columns)
    assert config["incident_date"]["type_config"]["format"] == "DD/MM/YYYY"
    assert json.loads(open_page("map", countries="CRI", years="2022-2022", lang="en").dataframe[-1].proto.columns)[
        "incident_date"]["type_config"]["format"] == "M/D/YYYY"
    present = open_page("map", countries="CRI", years="2022-2022", lang="es-MX", present="1")
    assert not present.exception and not present.dataframe
    incidents = present.table[-1].value
    assert incidents.columns[0] == "Fecha" and incidents.iloc[0, 0] == "13/10/2022"
    assert incidents["Muertos y desaparecidos"].iloc[0] == "13"


FEW_WORDS = {"en": "Too few cases to compare (under 20)", "es": "Muy pocos casos para comparar (menos de 20)",
             "pt": "Poucos casos para comparar (menos de 20)"}


def deaths_behind_rates(db, year: int) -> dict[str, tuple[float, float | None]]:
    """Each country's dead and missing nationals per 100,000 in `year`, with the count of dead and missing
    it rests on (None where none is published)."""
    with warehouse(db) as con:
        rows = con.execute(
            """SELECT r.country_iso3, r.value, n.value FROM fct_indicator_values r
               LEFT JOIN fct_indicator_values n ON n.indicator_code = 'mmp_dead_missing_nationals'
                    AND n.country_iso3 = r.country_iso3 AND n.year = r.year
               WHERE r.indicator_code = 'mmp_dead_missing_nationals_rate' AND r.year = ? AND r.value IS NOT NULL""",
            [year]).fetchall()
    return {code: (rate, deaths) for code, rate, deaths in rows}


def fills_and_tips(at) -> dict[str, tuple[list[int], str]]:
    layer = next(layer for layer in deck_spec(at)["layers"] if layer["id"] == "countries")
    return {f["properties"]["code"]: (f["properties"]["fill"], f["properties"]["tip"])
            for f in layer["data"]["features"]}


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_a_rate_on_too_few_cases_is_filled_apart_never_in_the_zero_class(db_env, lang):
    """Dead and missing nationals per 100,000 in 2024: a country with fewer than 20 recorded deaths (0 on a
    handful, or none recorded) gets its own neutral fill and legend entry, keeps its value in the tooltip and
    in the map's table with the reason, and is not the 'highest' of the description; the classes are made
    of the other countries' rates only."""
    from gcm.formatting import number
    from gcm.maps import FEW_COLOUR, _rgba

    rates = deaths_behind_rates(db_env, 2024)
    few = {c for c, (_, deaths) in rates.items() if deaths is None or deaths < 20}
    enough = set(rates) - few
    assert len(enough) >= 5 and any(rates[c][0] == 0 for c in few)  # zeros that read as the best rate
    at = open_page("map", indicator="mmp_dead_missing_nationals_rate", years="2024-2024", layers="countries",
                   lang=lang)
    assert not at.exception
    words = FEW_WORDS[lang]
    shown = fills_and_tips(at)
    assert all(shown[c][0] == _rgba(FEW_COLOUR, 235) for c in few)
    assert all(shown[c][0] != _rgba(FEW_COLOUR, 235) for c in enough)
    assert all(shown[c][1].endswith("\n" + words) for c in few)
    assert not any(words in shown[c][1] for c in enough)
    legend = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    labels = [label.replace("<br>", " ") for label in legend["x"]]
    assert words in labels and legend["marker"]["color"][labels.index(words)] == FEW_COLOUR
    # The classes hold the compared rates only: the lowest starts at the smallest of them, not at 0.
    assert labels[0].startswith(number(min(rates[c][0] for c in enough), lang) + " – ")
    table = at.dataframe[0].value  # the map's fill as a table, in its expander: compared first, then the others
    assert list(table.iloc[:, 2]) == [""] * len(enough) + [words] * len(few)
    with warehouse(db_env) as con:
        names = dict(con.execute(f"SELECT country_iso3, name_{lang} FROM dim_countries").fetchall())
    assert set(table.iloc[len(enough):, 0]) == {names[c] for c in few}
    # The description names the highest compared rate, and counts the others apart.
    top = max(enough, key=lambda c: rates[c][0])
    description = at.get("deck_gl_json_chart")[0].proto.alt
    assert f"{names[top]}: {number(rates[top][0], lang)}" in description
    assert FEW_SENTENCE[lang].format(n=len(few)) in description


FEW_SENTENCE = {"en": "{n} countries: too few cases to compare (under 20), shaded apart.",
                "es": "{n} países: muy pocos casos para comparar (menos de 20), sombreados aparte.",
                "pt": "{n} países: poucos casos para comparar (menos de 20), sombreados à parte."}
