"""The pure map builders: nothing fetched, safe tooltips, honest colours and legend, fitted views."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from gcm import maps
from gcm.stats import latest_usable

LABELS = {key: key for key in maps.LABEL_KEYS} | {
    "tip_no_data_year": "No data for {year}", "legend_suppressed": "Fewer than {bound}", "tip_dead_missing": "Dead and missing",
    "tip_location": "Location", "tip_cause": "Cause", "tip_route": "Route",
    "tip_cell": "Incidents grouped here: {n}", "tip_countries": "Countries", "tip_dates": "Dates",
}
SQUARE = '{{"type":"Polygon","coordinates":[[[{x},{y}],[{x1},{y}],[{x1},{y1}],[{x},{y1}],[{x},{y}]]]}}'


def square(x: float, y: float, size: float = 2.0) -> str:
    return SQUARE.format(x=x, y=y, x1=x + size, y1=y + size)


@pytest.fixture
def shapes() -> pd.DataFrame:
    """Four countries in Central America, the USA for context and one territory."""
    rows = [("MEX", "MEX", -104, 18), ("GTM", "GTM", -91, 14), ("HND", "HND", -88, 13), ("PAN", "PAN", -81, 7),
            ("USA", "USA", -110, 33), ("PRI", None, -67, 18)]
    return pd.DataFrame([{"shape_code": s, "country_iso3": c, "name": s, "subregion": "x", "geometry": square(x, y)}
                         for s, c, x, y in rows])


def values(rows) -> pd.DataFrame:
    """Indicator rows (country, value, flag, upper bound, months) for 2022."""
    return pd.DataFrame([{"country_iso3": c, "year": 2022, "value": v, "value_flag": f, "upper_bound": u,
                          "months_covered": m} for c, v, f, u, m in rows])


def incidents(rows) -> pd.DataFrame:
    """Incident rows (country, dead and missing, location, lat, lon)."""
    return pd.DataFrame([{"incident_id": str(i), "incident_date": pd.Timestamp("2022-06-01") + pd.Timedelta(days=i),
                          "year": 2022, "country_iso3": c, "dead_and_missing": float(n), "location": loc,
                          "cause": "Drowning", "route": "Central American Route", "latitude": lat, "longitude": lon}
                         for i, (c, n, loc, lat, lon) in enumerate(rows)])


def layer(spec: dict, layer_id: str) -> dict:
    return next(l for l in spec["layers"] if l["id"] == layer_id)


def features(spec: dict) -> dict[str, dict]:
    return {f["properties"]["code"]: f["properties"] for f in layer(spec, "countries")["data"]["features"]}


def test_deck_names_no_basemap_and_no_url(shapes):
    deck = maps.choropleth_deck(values([("MEX", 10.0, None, None, 12)]), shapes, names={}, labels=LABELS, year=2022,
                                incidents=incidents([("MEX", 3, "Tapachula", 14.9, -92.3)]))
    text = deck.to_json()
    spec = json.loads(text)
    assert spec.get("mapProvider") is None
    # Streamlit 1.67 loads Carto's basemap style when mapStyle is missing or empty; pydeck's sentinel
    # is the value it reads as "no basemap".
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert "http" not in text.lower()
    assert [l["id"] for l in spec["layers"]] == ["sea", "land", "countries", "incidents"]


def test_free_text_reaches_the_tooltip_as_plain_text_only(shapes):
    """deck.gl sets a `text` tooltip with innerText, so markup in a place name is shown, never run.

    Streamlit 1.67 itself HTML-escapes values put into an `html` tooltip, so escaping them here as
    well would show "&lt;" to readers; the guarantee is that no `html` template exists at all.
    """
    attack = "<img src=x onerror=alert(1)>"
    deck = maps.choropleth_deck(values([("MEX", 10.0, None, None, 12)]), shapes, names={"MEX": "México"},
                                labels=LABELS, year=2022,
                                incidents=incidents([("MEX", 3, attack, 14.9, -92.3)]))
    assert set(deck._tooltip) == {"text", "style"}
    assert deck._tooltip["text"] == "{tip}"
    spec = json.loads(deck.to_json())
    assert '"html"' not in deck.to_json()
    tip = layer(spec, "incidents")["data"][0]["tip"]
    assert f"Location: {attack}" in tip.splitlines()
    assert tip.splitlines()[0] == "2022-06-01 · México"


def test_fill_and_legend_use_the_same_colours_and_keep_gaps_and_censored_values_apart(shapes):
    vals = values([("MEX", 500.0, None, None, 12), ("GTM", 20.0, None, None, 12), ("HND", None, "suppressed", 5.0, 12)])
    spec = json.loads(maps.choropleth_deck(vals, shapes, names={}, labels=LABELS, year=2022,
                                           focus=["MEX", "GTM", "HND", "PAN"]).to_json())
    props = features(spec)
    legend = maps.legend_items(vals, LABELS, focus=["MEX", "GTM", "HND", "PAN"])
    legend_colours = {tuple(maps._rgba(i["colour"], 235)) for i in legend}
    assert {tuple(p["fill"]) for p in props.values()} <= legend_colours
    assert props["HND"]["fill"] == maps._rgba(maps.SUPPRESSED_COLOUR, 235)  # censored, not zero
    assert props["PAN"]["fill"] == maps._rgba(maps.NO_DATA_COLOUR, 235)  # a gap, not zero
    assert props["MEX"]["fill"] != props["GTM"]["fill"]
    assert "<5" in props["HND"]["tip"] and "0" not in props["HND"]["tip"].split("\n")[1]
    assert props["PAN"]["tip"] == "PAN\nNo data for 2022"
    assert [i["label"] for i in legend][-2:] == ["Fewer than 5", "legend_no_data"]
    assert set(props) == {"MEX", "GTM", "HND", "PAN"}  # the USA and the territory are context land
    assert {f["properties"]["code"] for f in layer(spec, "land")["data"]["features"]} == {"USA", "PRI"}


def test_partial_year_is_marked_in_the_tooltip(shapes):
    spec = json.loads(maps.choropleth_deck(values([("MEX", 12.0, None, None, 4)]), shapes, names={"MEX": "Mexico"},
                                           labels=LABELS, indicator="Dead", unit="persons", year=2025).to_json())
    tip = features(spec)["MEX"]["tip"]
    assert tip.splitlines()[1] == "Dead: 12 persons"
    assert tip.splitlines()[2] == "Jan\u2009–\u2009Apr 2022"  # the months covered, not a bare year


@pytest.mark.parametrize("data, expected", [
    ([0, 0, 0, 1, 2, 3, 10, 50, 400, 5000], None),
    ([7, 7, 7], [7.0]),
    ([], []),
])
def test_class_breaks_are_ascending_and_span_the_data(data, expected):
    edges = maps.class_breaks(data)
    if expected is not None:
        assert edges == expected
        return
    assert edges == sorted(set(edges)) and edges[0] == min(data) and edges[-1] == max(data)
    assert 3 <= len(edges) <= len(maps.FILL_STEPS) + 1
    assert all(e == int(e) for e in edges)  # counts get whole-number classes
    # Quantile classes: the USA-sized outlier does not push every other country into one class.
    assert len({maps.class_index(v, edges) for v in data}) >= 3


def test_layer_switches_remove_layers(shapes):
    vals, inc = values([("MEX", 10.0, None, None, 12)]), incidents([("MEX", 3, "x", 14.9, -92.3)])
    ids = lambda **kw: [l["id"] for l in json.loads(maps.choropleth_deck(  # noqa: E731
        vals, shapes, names={}, labels=LABELS, incidents=inc, **kw).to_json())["layers"]]
    assert "countries" not in ids(show_fill=False) and "incidents" in ids(show_fill=False)
    assert "incidents" not in ids(show_incidents=False) and "countries" in ids(show_incidents=False)


def test_points_are_sized_by_dead_and_missing_and_skip_missing_coordinates(shapes):
    inc = incidents([("MEX", 50, "big", 15.0, -92.0), ("GTM", 1, "small", 14.5, -90.5), ("HND", 9, "nowhere", None, None)])
    spec = json.loads(maps.choropleth_deck(values([]).reindex(columns=["country_iso3", "year", "value", "value_flag",
                                                                       "upper_bound", "months_covered"]),
                                           shapes, names={}, labels=LABELS, incidents=inc).to_json())
    points = layer(spec, "incidents")["data"]
    assert layer(spec, "incidents")["radiusUnits"] == "pixels"  # a literal, not a JavaScript expression
    assert len(points) == 2
    assert points[-1]["r"] > points[0]["r"]  # the largest is drawn last, on top
    assert maps.incident_radius_px(100) / maps.incident_radius_px(25) == pytest.approx(2, rel=0.25)


def cells(rows) -> pd.DataFrame:
    """Grouped incidents as `load_incident_points` returns them (incidents, dead and missing, countries, lat, lon)."""
    return pd.DataFrame([{"latitude": lat, "longitude": lon, "country_iso3": cs.split(",")[0], "dead_and_missing": float(d),
                          "incidents": n, "countries": cs, "first_date": pd.Timestamp("2014-01-02"),
                          "last_date": pd.Timestamp("2024-12-23")} for n, d, cs, lat, lon in rows])


def test_grouped_incidents_say_how_many_incidents_each_circle_stands_for(shapes):
    grouped = cells([(4000, 5200, "USA,MEX", 31.8, -106.6), (1, 1, "GTM", 14.6, -90.5),
                     (12, 30, "MEX,GTM,HND,BLZ", 15.0, -91.0)])
    spec = json.loads(maps.choropleth_deck(values([("MEX", 10.0, None, None, 12)]), shapes,
                                           names={"MEX": "Mexico", "USA": "United States"}, labels=LABELS,
                                           incidents=grouped).to_json())
    points = layer(spec, "incidents")["data"]
    assert [p["n"] for p in points] == [1, 12, 4000]  # the largest drawn last, on top
    assert sum(p["n"] for p in points) == 4001 + 12
    big = points[-1]["tip"].splitlines()
    assert big[0] == "Incidents grouped here: 4,000" and big[1] == "Dead and missing: 5,200"
    assert big[2] == "Countries: United States, Mexico" and big[3] == "Dates: 2014-01-02 – 2024-12-23"
    assert points[1]["tip"].splitlines()[2] == "Countries: Mexico, GTM, HND +1"
    # Area proportional to dead and missing: the largest group is as large as a circle gets.
    assert points[-1]["r"] == maps.CELL_MAX_RADIUS_PX and points[0]["r"] < 4
    assert maps.cell_radius_px(1300, 5200) == pytest.approx(maps.CELL_MAX_RADIUS_PX / 2)


def test_view_fits_the_focus_countries_not_their_northern_neighbours(shapes):
    central = json.loads(maps.choropleth_deck(values([]).reindex(columns=["country_iso3", "year", "value", "value_flag",
                                                                          "upper_bound", "months_covered"]),
                                              shapes, names={}, labels=LABELS, focus=["GTM", "HND"]).to_json())
    view = central["initialViewState"]
    assert 13 <= view["latitude"] <= 16 and -91 <= view["longitude"] <= -86
    wide = maps.fit_view([(-118, -56), (-34, 33)])
    assert view["zoom"] > wide.zoom + 2
    usa_only = maps.fit_view([(-110, 33), (-108, 35)])
    assert 32 <= usa_only.latitude <= 36


def test_latest_values_deck_maps_each_countrys_latest_value_or_censored_value(shapes):
    vals = pd.DataFrame([
        {"country_iso3": "MEX", "year": 2019, "value": 1.0, "value_flag": None, "upper_bound": None, "months_covered": 12},
        {"country_iso3": "MEX", "year": 2021, "value": 9.0, "value_flag": None, "upper_bound": None, "months_covered": 12},
        {"country_iso3": "GTM", "year": 2020, "value": 4.0, "value_flag": None, "upper_bound": None, "months_covered": 12},
        {"country_iso3": "GTM", "year": 2022, "value": None, "value_flag": "suppressed", "upper_bound": 5.0,
         "months_covered": 12},
        {"country_iso3": "HND", "year": 2022, "value": None, "value_flag": None, "upper_bound": None, "months_covered": 12},
    ])
    latest = latest_usable(vals).set_index("country_iso3")
    assert latest.loc["MEX", "year"] == 2021 and latest.loc["GTM", "value_flag"] == "suppressed"
    spec = json.loads(maps.latest_values_deck(vals, shapes, names={}, labels=LABELS, indicator="V",
                                              focus=["MEX", "GTM", "HND"]).to_json())
    props = features(spec)
    assert props["MEX"]["tip"].splitlines()[1:] == ["V: 9", "2021"]
    assert "<5" in props["GTM"]["tip"] and "2022" in props["GTM"]["tip"]
    assert props["HND"]["tip"].splitlines()[1] == "tip_no_data"


def test_incident_table_is_sorted_largest_first_with_country_names():
    table = maps.incident_table(incidents([("MEX", 2, "a", 1, 1), ("PAN", 30, "b", 1, 1), ("MEX", 7, "c", 1, 1)]),
                                {"MEX": "México", "PAN": "Panamá"})
    assert table["dead_and_missing"].tolist() == [30, 7, 2]
    assert table["country"].tolist() == ["Panamá", "México", "México"]
    assert list(table.columns) == ["incident_date", "country", "dead_and_missing", "location", "cause", "route"]


def test_legend_figure_has_a_title_a_swatch_per_item_and_a_source_line():
    items = [{"label": "0 – 5", "colour": maps.FILL_STEPS[0]}, {"label": "No data", "colour": maps.NO_DATA_COLOUR}]
    fig = maps.legend_figure(items, "Dead (persons), 2022", "Source: IOM · 2022")
    assert fig.layout.title.text == "Dead (persons), 2022"
    assert list(fig.data[0].x) == ["0 – 5", "No data"]
    assert fig.layout.xaxis.tickangle == 0
    assert list(fig.data[0].marker.color) == [maps.FILL_STEPS[0], maps.NO_DATA_COLOUR]
    assert fig.layout.annotations[0].text == "Source: IOM · 2022"
    long = maps.legend_figure(items, "t", "Source: " + "a very long source name " * 12)
    assert long.layout.annotations[0].text.count("<br>") >= 1 and long.layout.height > fig.layout.height


def test_legend_labels_of_whole_numbers_do_not_overlap():
    vals = values([(c, float(v), None, None, 12) for c, v in
                   zip(["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"], [0, 0, 0, 1, 2, 3, 10, 50, 400, 5000])])
    labels = [i["label"] for i in maps.legend_items(vals, LABELS)]
    edges = maps.class_breaks(vals["value"])
    assert labels[0] == "0" if edges[1] == 1 else labels[0].startswith("0 – ")
    assert labels[-1].endswith("5,000")
    # Each class ends one below where the next starts.
    for label, nxt in zip(labels[:-1], edges[1:-1]):
        assert label.split(" – ")[-1] == f"{int(nxt) - 1:,}"


def test_a_shared_deck_sends_the_same_json_to_sessions_asking_at_once(shapes):
    """A deck is kept in the view-model cache and sent by every session's thread; making its JSON swaps
    the layers' data for a moment, so two sessions at once must still both get the whole deck."""
    from concurrent.futures import ThreadPoolExecutor

    def build():
        return maps.choropleth_deck(values([("MEX", 10.0, None, None, 12), ("GTM", 4.0, None, None, 12)]), shapes,
                                    names={}, labels=LABELS, year=2022,
                                    incidents=incidents([("MEX", 3, "Tapachula", 14.9, -92.3)]))

    expected = build().to_json()
    shared = build()
    with ThreadPoolExecutor(8) as pool:
        sent = list(pool.map(lambda _: shared.to_json(), range(32)))
    assert set(sent) == {expected}
    assert {"MEX", "GTM"} <= set(features(json.loads(sent[0])))
    assert [l.data for l in shared.layers] == [l.data for l in build().layers]  # the deck's data is left as it was


@pytest.mark.parametrize("dead, radius", [(0, maps.MIN_RADIUS_PX), (1, maps.MIN_RADIUS_PX), (4, 3.6), (25, 9.0),
                                          (49, 12.6), (70, maps.INCIDENT_MAX_RADIUS_PX),
                                          (5000, maps.INCIDENT_MAX_RADIUS_PX)])
def test_an_incidents_circle_grows_with_the_square_root_of_its_dead_and_missing_between_a_floor_and_a_cap(dead, radius):
    assert maps.incident_radius_px(dead) == pytest.approx(radius)


def test_circles_stay_small_and_see_through_so_central_america_shows_under_them():
    """A shipwreck of 60 and a cell of thousands are no wider than Costa Rica is tall on the region's map
    (about 15 px), and the country's colour shows through a circle."""
    assert maps.incident_radius_px(60) <= 15 and maps.cell_radius_px(5200, 5200) <= 15
    assert maps.cell_radius_px(1, 5200) >= maps.MIN_RADIUS_PX  # one death in a cell stays visible
    circles = maps._circles(pd.DataFrame({"lon": [0.0], "lat": [0.0], "r": [5.0], "n": [1], "tip": ["x"]}))
    assert circles.get_fill_color[3] <= 110


def test_zeros_are_a_class_of_their_own_and_the_palest_colour():
    vals = values([(c, float(v), None, None, 12) for c, v in
                   zip("ABCDEFGHIJKLMNOPQRST", [0, 0, 0, 0, 1, 2, 3, 5, 8, 12, 20, 33, 54, 90, 150, 240, 400, 650,
                                                1000, 5000])])
    items = maps.legend_items(vals, LABELS)
    assert items[0] == {"label": "0", "colour": maps.FILL_STEPS[0]}
    assert items[-1]["colour"] == maps.FILL_STEPS[-1]  # the highest class is the darkest


def test_no_data_is_a_light_neutral_grey_quieter_than_any_class_but_the_lowest():
    def lightness(hex_colour):
        r, g, b = maps._rgba(hex_colour)[:3]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    r, g, b = maps._rgba(maps.NO_DATA_COLOUR)[:3]
    assert max(r, g, b) - min(r, g, b) <= 8  # neutral: no hue to read as a value
    assert lightness(maps.NO_DATA_COLOUR) > lightness(maps.FILL_STEPS[1])
    assert maps.NO_DATA_COLOUR not in (maps.LAND_COLOUR, maps.SEA_COLOUR)
    assert [lightness(c) for c in maps.FILL_STEPS] == sorted((lightness(c) for c in maps.FILL_STEPS), reverse=True)


@pytest.mark.parametrize("data, classes", [
    ([3.0, 9.0], 2),  # two countries: two classes, no more
    ([5.0, 5.0, 5.0, 9.0], 2),  # two distinct values: never more classes than values
    ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2),  # a handful of countries: few classes
    (list(range(1, 36)), 5),  # the whole region: five
    ([0.0] * 30 + [4.0, 7.0], 3),  # zeros and a couple of values: zero is a class of its own
])
def test_legend_classes_suit_the_number_of_countries_and_distinct_values(data, classes):
    edges = maps.class_breaks(data)
    assert len(edges) - 1 == classes
    # No class is empty.
    assert {maps.class_index(v, edges) for v in data} == set(range(classes))


@pytest.mark.parametrize("data", [
    list(range(0, 512, 15)),
    [0.13, 0.5, 0.9, 3.1, 7.7, 12.4, 15.2, 25.0, 33.3, 0.05, 41.0, 2.2, 0.61, 5.5, 9.9, 18.8],
    [1234.0, 56789.0, 123456.0, 7890.0, 45.0, 990.0, 15000.0, 300000.0, 88.0, 6000.0, 21000.0, 777.0],
])
def test_inner_class_bounds_are_round_numbers(data):
    edges = maps.class_breaks(data)
    for e in edges[1:-1]:
        mantissa = e / 10 ** __import__("math").floor(__import__("math").log10(e))
        assert round(mantissa, 6) in maps.NICE_MANTISSAS, (e, edges)
    assert edges[0] == min(data) and edges[-1] == max(data)


def test_the_regions_fitted_view_shows_the_us_mexico_border_and_cape_horn_with_room_for_circles(shapes):
    """The 33 Latin American and Caribbean countries framed at the page's map size: the border
    (32.7° N) and Tierra del Fuego (55.9° S) are inside the view with room for a circle's radius."""
    view = maps.fit_view([(-118.4, 32.72), (-86.7, 14.5), (-109.4, -27.1), (-67.3, -55.9), (-34.8, -7.2)])
    world_px = 512 * 2 ** view.zoom
    merc = lambda lat: __import__("math").log(__import__("math").tan(__import__("math").pi / 4  # noqa: E731
                                                                      + __import__("math").radians(lat) / 2))
    y = lambda lat: maps.MAP_SIZE_PX[1] / 2 - (merc(lat) - merc(view.latitude)) * world_px / (2 * 3.141592653589793)  # noqa: E731
    assert y(32.72) >= maps.CELL_MAX_RADIUS_PX and y(-55.9) <= maps.MAP_SIZE_PX[1] - maps.CELL_MAX_RADIUS_PX
    x = lambda lon: maps.MAP_SIZE_PX[0] / 2 + (lon - view.longitude) * world_px / 360  # noqa: E731
    assert x(-118.4) >= maps.CELL_MAX_RADIUS_PX and x(-34.8) <= maps.MAP_SIZE_PX[0] - maps.CELL_MAX_RADIUS_PX


def test_the_map_says_on_itself_which_years_each_layer_shows(shapes):
    spec = json.loads(maps.choropleth_deck(values([("MEX", 10.0, None, None, 12)]), shapes, names={}, labels=LABELS,
                                           year=2022, frame_label="Countries: 2022 · Incidents: 2014–2022").to_json())
    label = layer(spec, "frame")
    assert label["@@type"] == "TextLayer" and label["data"][0]["text"] == "Countries: 2022 · Incidents: 2014–2022"
    assert label["characterSet"] == "auto"  # the en dash and accented letters are drawn, not dropped
    assert [l["id"] for l in spec["layers"]][-1] == "frame"  # drawn over the circles
    view = spec["initialViewState"]
    corner = label["data"][0]
    assert corner["lon"] < view["longitude"] and corner["lat"] < view["latitude"]  # bottom left
    # Inside the map even where it is only NARROW_MAP_PX wide (a small screen): at least 10 px from its left edge.
    left_px = maps.NARROW_MAP_PX / 2 + (corner["lon"] - view["longitude"]) * 512 * 2 ** view["zoom"] / 360
    assert 10 <= left_px <= 40
    assert "frame" not in [l["id"] for l in json.loads(maps.choropleth_deck(
        values([("MEX", 10.0, None, None, 12)]), shapes, names={}, labels=LABELS).to_json())["layers"]]
