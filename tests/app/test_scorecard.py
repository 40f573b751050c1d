"""The regional scorecard (home) through AppTest: headline figures, the grid, a cell's detail, URL state."""
from __future__ import annotations

import json

import pytest

from gcm.i18n import t
from tests.app.conftest import open_page

FOCUS = [4, 8, 9, 10, 11, 13, 14, 21, 23]


def grid(at) -> dict:
    """The scorecard heatmap, block by block: rows (country labels), columns (objective numbers), each
    cell's text, and the title and note of the first block."""
    charts = [c for c in at.get("plotly_chart") if c.proto.id and "scorecard_grid" in c.proto.id]
    assert charts
    specs = [json.loads(c.proto.spec) for c in charts]
    rows, texts = [], {}
    for spec in specs:
        heat, cells = spec["data"][0], spec["data"][1]
        rows += heat["y"]
        texts |= {(c[1], c[2]): t for c, t in zip(cells["customdata"], [a["text"] for a in spec["layout"]["annotations"]])}
        columns = [int(x.split("</b>")[0].replace("<b>", "")) for x in heat["x"]]
        assert columns == [int(x.split("</b>")[0].replace("<b>", "")) for x in specs[0]["data"][0]["x"]]
    first = specs[0]["layout"]["title"]
    return {"rows": rows, "columns": columns, "text": texts, "title": first["text"], "note": first["subtitle"]["text"],
            "blocks": len(specs)}


def detail_tables(at):
    """The detail's tables: every dataframe after the first, the grid's own table."""
    return [d.value for d in at.dataframe[1:]]


def detail_table(at):
    """The indicator table of the chosen cell (the detail's first table)."""
    return detail_tables(at)[0]


def test_scorecard_renders_headlines_and_a_grid_of_all_countries(db_env):
    at = open_page("scorecard")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    # The figure most easily misread states its scope in its label, and IOM's own total sits beside it.
    dead = "Dead and missing, incl. the US side of the border"
    assert int(metrics[dead].replace(",", "")) > 1000
    captions = " ".join(c.value for c in at.caption)
    assert "recorded in the United States" in captions and int(metrics["IOM's own total for the Americas"].replace(",", "")) > 1000
    assert int(metrics["Trafficking victims detected"].replace(",", "")) > 1000
    assert metrics["ICMW: states parties"].endswith("of 35")
    assert " of " in metrics["GCM supporters"]
    g = grid(at)
    assert len(g["rows"]) == 35 and g["columns"] == FOCUS
    assert "Sources:" in g["note"] and "2018" in g["note"]
    # Objectives without an outcome indicator say so in every cell, with their commitments counted apart.
    assert all(g["text"][(c, o)].startswith("C ") for c in ("COL", "MEX") for o in (9, 11, 13, 14))
    assert g["text"][("MEX", 13)] == "C 1/1"
    assert g["text"][("COL", 10)].endswith("<br>C 3/3")


def test_url_reproduces_the_view_and_the_cell_detail(db_env):
    at = open_page("scorecard", countries="COL,PER", objective="10", years="2014-2025")
    assert not at.exception
    g = grid(at)
    assert g["rows"] == ["Colombia", "Peru"]
    assert at.selectbox(key="sc_country").value == "COL"
    assert at.selectbox(key="sc_objective").value == 10
    assert any("Colombia · 10." in s.value for s in at.subheader)
    names = detail_table(at)["Indicator"].tolist()
    assert "Detected victims of trafficking per 100,000 population" in names
    links = {link.proto.page: link.proto.query_string for link in at.get("page_link")}
    assert links["objective"] == "objective=10&countries=COL&lang=en"
    assert links["country"] == "country=COL&lang=en"


def test_changing_the_years_changes_the_ratings(db_env):
    late = grid(open_page("scorecard", countries="COL,PER,MEX", years="2014-2025"))
    early = grid(open_page("scorecard", countries="COL,PER,MEX", years="2015-2017"))
    assert late["text"] != early["text"]
    # Before the 2018 baseline no trend can exist, so no cell carries an arrow.
    assert not any(a in t for t in early["text"].values() for a in "↑↗→↓")
    assert any(a in t for t in late["text"].values() for a in "↑↗→↓")


def test_headline_figures_follow_the_country_filter(db_env):
    region = open_page("scorecard").metric
    one = open_page("scorecard", countries="PAN").metric
    assert one[0].value != region[0].value
    assert one[0].label == "Dead and missing migrants"   # no US side of the border in Panama's figure
    assert {m.label: m.value for m in one}["ICMW: states parties"].endswith("of 1")


def test_a_chosen_objective_outside_the_focus_gets_a_column(db_env):
    g = grid(open_page("scorecard", countries="COL", objective="5"))
    assert g["columns"] == sorted(FOCUS + [5])
    assert g["text"][("COL", 5)].startswith("C ")   # SDG 10.7.2 domain 6: a commitment, no outcome


def test_choosing_another_cell_changes_the_detail(db_env):
    at = open_page("scorecard", countries="COL,PER")
    assert at.selectbox(key="sc_objective").value == 4   # the first focus objective with an outcome indicator
    before = detail_table(at)
    at.selectbox(key="sc_objective").select(23).run()
    assert not at.exception
    after = detail_table(at)   # objective 23 has commitments only: its first table lists them
    assert "Supports the Global Compact for Migration" in after["Instrument"].tolist()
    assert not before.equals(after)
    at.selectbox(key="sc_country").select("PER").run()
    assert any("Peru · 23." in s.value for s in at.subheader)


def test_suppressed_value_is_shown_censored_never_as_zero(db_env):
    at = open_page("scorecard", countries="CHL", objective="10")
    table = detail_table(at).set_index("Indicator")
    row = table.loc["Persons convicted of trafficking per 100,000 population"]
    assert row["Latest value"].startswith("<")
    assert row["Status"] == "Too few cases to rate"   # "<5" convictions: below the 20 a rate needs
    assert row["Score (0–100)"] is None or str(row["Score (0–100)"]) in ("<NA>", "nan")


def test_context_only_objective_gets_no_rating(db_env):
    at = open_page("scorecard", countries="MEX", objective="11")
    assert not at.exception
    assert any("no outcome indicator" in i.value for i in at.info)
    assert not [m for m in at.metric if m.label == "Outcome rating"]


def test_who_solved_this_lists_only_countries_rated_better(db_env):
    from gcm.queries.rating import load_ratings

    at = open_page("scorecard", countries="COL", objective="10")
    ratings = load_ratings((2014, 2025))
    obj = ratings[ratings["objective_id"] == 10].set_index("country_iso3")
    mine = round(obj.loc["COL", "score"])
    peers_table = next(d for d in detail_tables(at) if "Rank" in d.columns)
    assert len(peers_table) > 0
    assert (peers_table["Score (0–100)"] > mine).all()
    assert "Colombia" not in peers_table["Country"].tolist()


def test_spanish_interface(db_env):
    at = open_page("scorecard", countries="COL", lang="es")
    assert not at.exception
    assert at.title[0].value.startswith("Tablero regional")
    g = grid(at)
    assert g["title"].startswith("Calificación de avance")
    assert g["text"][("COL", 9)].startswith("C ")   # C for compromisos too
    assert "Muertos y desaparecidos" in [m.label for m in at.metric]


@pytest.mark.parametrize("params", [{"objective": "99"}, {"countries": "XXX"}, {"years": "2030-2040"}])
def test_invalid_url_values_give_a_note_and_the_page_still_opens(db_env, params):
    at = open_page("scorecard", **params)
    assert not at.exception
    assert any("not understood" in w.value for w in at.warning)
    assert len(grid(at)["rows"]) == 35


def test_the_grid_is_drawn_by_subregion_with_the_destination_countries_apart(db_env):
    at = open_page("scorecard")
    g = grid(at)
    assert g["blocks"] == 4 and len(g["rows"]) == 35
    assert g["rows"][-2:] == ["Canada", "United States"]   # last, under their own heading
    assert any(h.value.startswith("United States and Canada: destination countries") for h in at.header)


def test_without_a_country_the_detail_is_the_region_and_the_cell_is_in_the_url(db_env):
    at = open_page("scorecard", objective="8")
    assert at.selectbox(key="sc_country").value == "ALL"
    assert any(s.value.startswith("The region · 8.") for s in at.subheader)
    table = detail_table(at)
    assert len(table) == 35 and table["Country"].iloc[0] != ""
    assert at.query_params["cell"] == "ALL-8"
    at.selectbox(key="sc_country").select("MEX").run()
    assert at.query_params["cell"] == "MEX-8"
    assert any(s.value.startswith("Mexico · 8.") for s in at.subheader)


def test_a_link_to_a_cell_opens_that_cell(db_env):
    at = open_page("scorecard", countries="COL,PER", cell="PER-13")
    assert not at.exception
    assert (at.selectbox(key="sc_country").value, at.selectbox(key="sc_objective").value) == ("PER", 13)
    assert any(s.value.startswith("Peru · 13.") for s in at.subheader)


@pytest.mark.parametrize("cell", ["XXX-10", "COL-99", "COL-²", "COL-" + "9" * 5000, "=1+1"])
def test_a_bad_cell_in_the_link_gives_a_note_and_the_default_detail(db_env, cell):
    at = open_page("scorecard", countries="COL", cell=cell)
    assert not at.exception
    assert any("is not a cell of this scorecard" in w.value for w in at.warning)
    assert at.selectbox(key="sc_country").value == "COL"


def test_each_subregions_grid_and_the_cells_commitments_are_headed(db_env):
    """A screen reader lists the subregions' grids and the commitments of the cell shown among the page's
    headings (they were bold paragraphs): h2 under the title, h3 beside the cell's own h3 in its h2."""
    at = open_page("scorecard", lang="es", cell="GTM-10")
    assert not at.exception
    headers = [h.value for h in at.header]
    assert {"Centroamérica", "Caribe"} <= set(headers)
    assert t("scorecard_commitments_header", "es") in [s.value for s in at.subheader]
