"""The regional map's view model on the real warehouse: what the page shows, built without Streamlit."""
from __future__ import annotations

import json

import duckdb
import pytest

from gcm import maps
from gcm.formatting import number
from gcm.models.map import map_model, year_spans
from gcm.queries.geo import TABLE_ROWS

CENTRAL_AMERICA = ("BLZ", "CRI", "SLV", "GTM", "HND", "MEX", "NIC", "PAN")


def view(code="mmp_dead_missing", years=(2022, 2022), countries=(), fill=True, points=True, lang="en"):
    return map_model(code, years, tuple(countries), fill, points, lang, False)


def warehouse(db, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def layers(model) -> dict[str, dict]:
    """The deck's layers as the browser receives them, by id."""
    return {layer["id"]: layer for layer in json.loads(model.deck.to_json())["layers"]}


def filled(model) -> dict[str, dict]:
    """Country -> the properties (fill colour, tooltip) of its shape on the map."""
    return {f["properties"]["code"]: f["properties"] for f in layers(model)["countries"]["data"]["features"]}


def test_the_map_colours_exactly_the_countries_with_a_value_in_the_last_year_and_marks_suppressed_ones(db_env):
    rows = warehouse(db_env, """SELECT country_iso3, value, value_flag FROM fct_indicator_values
                                WHERE indicator_code = 'glotip_victims' AND year = 2020""")
    with_value = {c for c, v, _ in rows if v is not None}
    suppressed = {c for c, _, flag in rows if flag == "suppressed"}
    assert with_value and suppressed, "the test needs values and suppressed counts in 2020"

    shapes = filled(view("glotip_victims", years=(2015, 2020)))
    assert len(shapes) == 35  # no country chosen: all 35 are on the map
    grey, purple = maps._rgba(maps.NO_DATA_COLOUR, 235), maps._rgba(maps.SUPPRESSED_COLOUR, 235)
    assert {c for c, p in shapes.items() if p["fill"] != grey} == with_value | suppressed
    assert {c for c, p in shapes.items() if p["fill"] == purple} == suppressed
    for code in suppressed:
        assert "<5" in shapes[code]["tip"] and "2020" in shapes[code]["tip"]
    for code in set(shapes) - with_value - suppressed:
        assert "2020" in shapes[code]["tip"]  # "no data for 2020", not a zero


def test_the_fill_as_a_table_lists_each_country_the_map_colours_with_its_value(db_env):
    """The map's table alternative: the countries filled in the map's year, highest first, a
    suppressed count written as the tooltip writes it ("<5"), and no row for a country without data."""
    rows = warehouse(db_env, """SELECT country_iso3, value, value_flag FROM fct_indicator_values
                                WHERE indicator_code = 'glotip_victims' AND year = 2020""")
    table = view("glotip_victims", years=(2015, 2020)).fill_table.to_pandas()
    assert list(table.columns) == ["Country", "Value"]
    assert len(table) == len(rows)
    ranked = sorted((v for _, v, _ in rows if v is not None), reverse=True)
    assert table["Value"].iloc[0] == number(ranked[0], "en")
    assert (table["Value"] == "<5").sum() == sum(flag == "suppressed" for *_, flag in rows)
    assert view("glotip_victims", years=(2015, 2020), fill=False).fill_table is None


def legend_note(model) -> str:
    """The legend's caveats and source, as one line."""
    return model.legend.layout.annotations[0].text.replace("<br>", " ")


def test_the_legend_says_the_indicator_unit_and_year_and_lists_suppressed_counts(db_env):
    model = view("glotip_victims", years=(2015, 2020))
    title = model.legend.layout.title.text
    assert title == "Detected victims of trafficking (persons), 2020"
    labels = [label.replace("<br>", " ") for label in model.legend.data[0].x]
    assert "Fewer than 5 (suppressed)" in labels and "No data" in labels
    # The caveat sits in the legend itself, above the source, so a screenshot of the map keeps it.
    note = model.legend.layout.annotations[0].text.replace("<br>", " ")
    assert note.startswith("Higher means more detection capacity, not more trafficking") and "Source: UNODC" in note
    assert "2020, the last year of the range" in model.fill_caption
    assert model.legend_config["toImageButtonOptions"]["filename"].endswith("map-glotip_victims-2020-legend")


def test_a_partial_last_year_never_fills_the_map_and_the_caption_says_why(db_env):
    (months,), = warehouse(db_env, """SELECT min(months_covered) FROM fct_indicator_values
                                      WHERE indicator_code = 'mmp_dead_missing' AND year = 2025""")
    assert months < 12, "the test needs a partial year"
    model = view(years=(2024, 2025))
    assert model.year_label == "2024" and model.map_year == 2024  # the last full year
    assert model.legend.layout.title.text.endswith("2024")
    # Said in the legend itself, not in a paragraph under the map.
    assert f"2025 covers only {months} months, so the map shows 2024, the last full year" in legend_note(model)
    assert "2025 covers only" not in model.fill_caption
    assert set(model.values.loc[model.values["year"] == 2024, "country_iso3"]) >= {"MEX", "USA"}


def test_the_headline_counts_the_incidents_of_the_countries_and_years(db_env):
    (dead, n), = warehouse(db_env, """SELECT sum(dead_and_missing), count(*) FROM fct_incidents
        WHERE year = 2022 AND country_iso3 IN ('BLZ','CRI','SLV','GTM','HND','MEX','NIC','PAN')""")
    model = view(countries=CENTRAL_AMERICA)
    metrics = {m.label: m.value for m in model.metrics}
    assert metrics == {"Dead and missing migrants recorded": f"{int(dead):,}", "Incidents recorded": f"{n:,}",
                       "Years with records": "2022"}
    assert model.no_incidents is None
    assert model.scope_line == ("Countries of incident: Belize, Costa Rica, El Salvador, Guatemala, Honduras, "
                                "Mexico, Nicaragua, Panama. Years: 2022.")
    assert f"{n:,} incidents" in model.alt and model.alt.endswith(model.description)


def test_incidents_without_coordinates_are_counted_and_said_to_be_off_the_map(db_env):
    (n, unmapped), = warehouse(db_env, """SELECT count(*), count(*) FILTER (WHERE latitude IS NULL OR longitude IS NULL)
                                          FROM fct_incidents WHERE year = 2022 AND country_iso3 = 'USA'""")
    assert 0 < unmapped < n <= TABLE_ROWS, "the test needs a few incidents without coordinates"
    model = view(countries=("USA",))
    assert {m.label: m.value for m in model.metrics}["Incidents recorded"] == f"{n:,}"
    assert sum(p["n"] for p in layers(model)["incidents"]["data"]) == n - unmapped  # drawn: the located ones
    assert model.incident_captions[1].startswith(f"{unmapped} of these incidents have no coordinates: they are "
                                                 "counted above and listed in the table")
    assert model.incident_captions[1] in legend_note(model)  # in the legend, where a screenshot keeps it
    assert len(view(countries=("PAN",)).incident_captions) == 1  # every Panamanian incident is on the map


def test_years_without_records_are_no_zero(db_env):
    model = view(countries=("HND",), years=(2000, 2010))
    assert model.metrics == () and model.headline_notes == ()
    assert "no records for the years chosen" in model.no_incidents and "2014" in model.no_incidents


def test_the_map_fills_the_last_year_with_data_and_says_so(db_env):
    model = view("glotip_victims", years=(2018, 2025), countries=("COL", "PER"))
    (latest,), = warehouse(db_env, """SELECT max(year) FROM fct_indicator_values WHERE indicator_code =
        'glotip_victims' AND country_iso3 IN ('COL', 'PER') AND year <= 2025""")
    assert latest < 2025
    assert model.map_year == latest and model.fill_note is None
    assert f"2025 has no values yet, so the map shows {latest}, the last year with data" in legend_note(model)
    assert model.legend.layout.title.text.endswith(str(latest))
    # The map itself says the fill is one year and the circles the whole range.
    assert model.frame_label == f"Countries: {latest} · Incidents: 2018–2025"
    assert layers(model)["frame"]["data"][0]["text"] == model.frame_label
    in_range = view("glotip_victims", years=(2018, 2020), countries=("COL", "PER"))
    assert in_range.map_year == 2020 and "has no values yet" not in legend_note(in_range)


def test_a_layer_switched_off_is_neither_drawn_nor_described(db_env):
    no_points = view(countries=("GTM",), points=False)
    assert list(layers(no_points)) == ["sea", "land", "countries", "frame"]
    assert no_points.points is None and no_points.incident_captions == ()
    assert no_points.legend is not None and no_points.frame_label == "Countries: 2022"
    assert not any("Incident" in str(label) for label in no_points.legend.data[0].x)

    no_fill = view(countries=("GTM",), fill=False)
    assert list(layers(no_fill)) == ["sea", "land", "incidents", "frame"]
    assert no_fill.fill_caption is None and no_fill.fill_note is None and no_fill.frame_label == "Incidents: 2022"
    assert no_fill.incident_captions[0].startswith("Circles: incidents recorded in 2022")
    # The circles keep a legend of their own: what a circle is, their years and source.
    assert [label.replace("<br>", " ") for label in no_fill.legend.data[0].x] == [
        "Incident, 2022 (area ∝ dead and missing)"]
    assert no_fill.legend.layout.title.text == "Dead and missing migrants by incident, 2022"
    assert "IOM Missing Migrants Project" in legend_note(no_fill)

    neither = view(countries=("GTM",), fill=False, points=False)
    assert list(layers(neither)) == ["sea", "land"] and neither.legend is None


def test_the_table_lists_the_largest_incidents_and_the_download_has_them_all(db_env):
    (n, dead), = warehouse(db_env, "SELECT count(*), sum(dead_and_missing) FROM fct_incidents "
                                   "WHERE year BETWEEN 2014 AND 2025")
    assert n > TABLE_ROWS
    model = view(years=(2014, 2025))
    shown = model.table.to_pandas()
    assert len(shown) == TABLE_ROWS and shown["dead_and_missing"].is_monotonic_decreasing
    assert model.table_caption == (f"The 1,000 largest of {n:,} incidents are listed here; "
                                   f"the download below has all {n:,}.")
    everything = model.download()
    assert len(everything) == n and everything["dead_and_missing"].sum() == dead
    # The download is the table plus the source's own text of the translated columns.
    assert list(everything.columns) == list(model.table_headers) == shown.columns.tolist() + ["cause_source",
                                                                                              "route_source"]
    assert model.grid is not None and model.points["incidents"].sum() <= n  # thousands: grouped by area
    assert view(countries=("PAN",)).table_caption is None


def test_the_map_speaks_the_readers_language(db_env):
    model = view(countries=("HND",), lang="es")
    assert [m.label for m in model.metrics][0] == "Muertos y desaparecidos registrados"
    assert model.table_headers["dead_and_missing"] == "Muertos y desaparecidos"
    assert model.legend.layout.title.text == "Migrantes muertos y desaparecidos (país del incidente) (personas), 2022"
    assert model.scope_line == "Países del incidente: Honduras. Años: 2022."
    assert "Lugar (descrito por la OIM, en inglés):" in layers(model)["incidents"]["data"][0]["tip"]


def test_causes_and_routes_are_in_the_readers_language_and_the_download_keeps_the_sources_text(db_env):
    model = view(countries=("PAN",), years=(2014, 2025), lang="pt")
    shown = model.table.to_pandas()
    assert "Afogamento" in set(shown["cause"]) and "Drowning" not in set(shown["cause"])
    assert set(shown["route"]) <= {"Rota centro-americana", "Rota sul-americana", "Não definida"}
    tips = " ".join(str(r.get("tip", "")) for r in layers(model)["incidents"]["data"])
    assert "Rota centro-americana" in tips and "Central American Route" not in tips
    everything = model.download()
    drowned = everything[everything["cause_source"] == "Drowning"]
    assert len(drowned) and set(drowned["cause"]) == {"Afogamento"}
    assert model.table_headers["cause_source"] == "Causa da morte (como a fonte a escreve)"


@pytest.mark.parametrize("years, text", [([2014], "2014"), ([1990, 1991, 1992, 2026], "1990–1992, 2026"),
                                         ([2001, 2003, 2004], "2001, 2003–2004")])
def test_year_spans_join_consecutive_years(years, text):
    assert year_spans(years) == text
