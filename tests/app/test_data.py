"""Data & downloads page: the preview follows the filters, the CSV is exactly the preview, a link reopens it."""
from __future__ import annotations

import csv
import io
import shutil

import duckdb
import numpy as np
import pandas as pd
import pytest

from tests.app.conftest import downloaded, open_page

PICK = "w_data_indicators"


def preview(at) -> pd.DataFrame:
    return at.dataframe[0].value


def params(at) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}


def norm(values) -> list:
    """Cells comparable across the preview and the CSV: missing or empty -> None, numbers -> float."""
    return [None if pd.isna(v) or v == "" else float(v) if isinstance(v, (int, float, np.number)) else v for v in values]


def expected_rows(db, codes, countries, years) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    df = con.execute(
        """SELECT country_iso3, indicator_code, year FROM fct_indicator_values
           WHERE list_contains(?, indicator_code) AND list_contains(?, country_iso3) AND year BETWEEN ? AND ?
           ORDER BY indicator_code, country_iso3, year""",
        [list(codes), list(countries), *years]).df()
    con.close()
    return df


def test_objective_seeds_the_indicators_and_the_preview_matches_the_warehouse(db_env):
    at = open_page("data", objective="10", countries="COL,PER,BLZ", years="2015-2021")
    assert not at.exception
    chosen = at.multiselect(key=PICK).value
    assert "glotip_victims" in chosen and "us_tip_tier" in chosen
    assert not any(c.startswith("wdi_") for c in chosen)
    table = preview(at)
    want = expected_rows(db_env, chosen, ["COL", "PER", "BLZ"], (2015, 2021))
    assert table[["Country code (ISO3)", "Indicator code", "Year"]].values.tolist() == want.values.tolist()
    # Belize's small counts are suppressed: shown as "<5 ...", never as 0.
    belize = table[(table["Country code (ISO3)"] == "BLZ") & table["Value note"].str.startswith("<5")]
    assert len(belize) > 0 and belize["Value"].isna().all()
    assert table["Source"].str.len().gt(0).all() and table["Licence"].str.len().gt(0).all()
    assert at.download_button(key="dl_gcm-data").label == "Download this table (CSV)"


def test_changing_countries_and_years_changes_the_preview(db_env):
    at = open_page("data", indicator="glotip_victims", objective="10", countries="COL,PER", years="2014-2021")
    assert set(preview(at)["Country code (ISO3)"]) == {"COL", "PER"}
    assert preview(at)["Year"].between(2014, 2021).all() and 2014 in set(preview(at)["Year"])

    at.sidebar.multiselect(key="w_countries").set_value(["MEX", "GTM"]).run()
    assert not at.exception
    assert set(preview(at)["Country code (ISO3)"]) == {"MEX", "GTM"}

    # Add an indicator on the page, then change the countries again: both choices must hold
    # (the page writes `indicators` to the URL; the filters must not mistake that for a new link).
    at.multiselect(key=PICK).set_value(["glotip_victims", "glotip_convicted"]).run()
    at.sidebar.multiselect(key="w_countries").set_value(["HND", "SLV"]).run()
    assert not at.exception
    table = preview(at)
    assert set(table["Indicator code"]) == {"glotip_victims", "glotip_convicted"}
    assert set(table["Country code (ISO3)"]) == {"HND", "SLV"}
    assert len(table) == len(expected_rows(db_env, ["glotip_victims", "glotip_convicted"], ["HND", "SLV"], (2014, 2021)))

    # Other years, as a link gives them.
    narrower = open_page("data", **(params(at) | {"years": "2018-2020"}))
    table = preview(narrower)
    assert table["Year"].between(2018, 2020).all()
    assert len(table) == len(expected_rows(db_env, ["glotip_victims", "glotip_convicted"], ["HND", "SLV"], (2018, 2020)))


def test_moving_the_years_slider_changes_the_preview(db_env):
    at = open_page("data", indicator="glotip_victims", objective="10", countries="COL,PER", years="2014-2021")
    at.sidebar.slider(key="w_years").set_value((2018, 2020)).run()
    assert not at.exception
    assert preview(at)["Year"].between(2018, 2020).all()


def test_the_download_is_exactly_the_preview(db_env, downloads):
    at = open_page("data", indicator="wdi_net_migration", countries="VEN,COL,PER", years="2015-2020", lang="es")
    assert not at.exception
    table = preview(at)
    assert "País" in table.columns and "Perú" in set(table["País"])
    data = downloaded(downloads, "gcm-data")
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    assert list(back.columns) == list(table.columns) + ["Enlace a esta vista", "Descargado (UTC)"]
    assert len(back) == len(table)
    for col in table.columns:
        assert norm(back[col]) == norm(table[col]), col
    # Net migration is negative for some countries: written as a number, not as neutralised text.
    assert (back["Valor"] < 0).any() and pd.api.types.is_numeric_dtype(back["Valor"])  # a count: integers
    link = back["Enlace a esta vista"].iloc[0]
    assert "indicators=wdi_net_migration" in link and "countries=VEN,COL,PER" in link and "years=2015-2020" in link
    # The Excel file beside it holds the same table, numbers as numbers.
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(downloaded(downloads, "gcm-data", ".xlsx")))["Datos"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(table.columns) and len(rows) - 1 == len(table)
    assert any(isinstance(r[list(table.columns).index("Valor")], (int, float)) and r[list(table.columns).index("Valor")] < 0
               for r in rows[1:])


def test_a_link_reproduces_the_view(db_env):
    at = open_page("data", objective="8", years="2016-2022")
    at.multiselect(key=PICK).set_value(["mmp_dead_missing", "mmp_incidents"]).run()
    at.sidebar.multiselect(key="w_countries").set_value(["MEX", "PAN"]).run()
    assert not at.exception
    shown = preview(at)
    link = params(at)
    assert link["indicators"] == "mmp_dead_missing,mmp_incidents"

    again = open_page("data", **link)
    assert not again.exception
    assert again.multiselect(key=PICK).value == ["mmp_dead_missing", "mmp_incidents"]
    pd.testing.assert_frame_equal(preview(again), shown)


def test_an_unknown_indicator_in_the_link_gives_a_note(db_env):
    at = open_page("data", indicators="glotip_victims,=EVIL()", countries="COL")
    assert not at.exception
    assert any("EVIL" in w.value for w in at.warning)
    assert at.multiselect(key=PICK).value == ["glotip_victims"]
    assert set(preview(at)["Indicator code"]) == {"glotip_victims"}


def test_coverage_matrix_shows_which_country_lacks_which_indicator(db_env):
    at = open_page("data", indicators="glotip_convicted,mmp_incidents", countries="PER,COL,BRB", years="2015-2021")
    assert not at.exception
    matrix = at.dataframe[1].value.set_index("Country")
    assert list(matrix.columns) == ["Persons convicted of trafficking", "Incidents with dead or missing migrants"]
    assert list(matrix.index) == ["Barbados", "Colombia", "Peru"]
    for iso3, name in [("PER", "Peru"), ("COL", "Colombia"), ("BRB", "Barbados")]:
        rows = expected_rows(db_env, ["glotip_convicted"], [iso3], (2015, 2021))
        assert matrix.loc[name, "Persons convicted of trafficking"] == rows["year"].nunique()
    assert (matrix == 0).any().any(), "expected at least one gap in this selection"
    sources = at.table[0].value
    assert list(sources.columns) == ["Source", "Licence", "Source link", "Indicators"]
    assert len(sources) == 2 and sources["Licence"].str.len().gt(0).all()


def test_more_indicators_than_countries_puts_indicators_down_the_rows(db_env):
    at = open_page("data", objective="10", countries="COL,PER", years="2015-2021")
    grid = at.dataframe[1].value
    assert grid.columns[0] == "Indicator" and list(grid.columns[1:]) == ["Colombia", "Peru"]
    assert len(grid) == len(at.multiselect(key=PICK).value)


def test_formula_text_from_the_warehouse_is_neutralised_in_the_page_export(built_db, tmp_path, monkeypatch,
                                                                             downloads):
    db = tmp_path / "hostile.duckdb"
    shutil.copy(built_db, db)
    con = duckdb.connect(str(db))
    con.execute("""UPDATE dim_indicators SET name_en = '=HYPERLINK("http://evil.example","x")'
                   WHERE indicator_code = 'wdi_net_migration'""")
    con.execute("UPDATE fct_indicator_values SET source = '@SUM(1+1)' WHERE indicator_code = 'wdi_net_migration'")
    con.close()
    monkeypatch.setenv("GCM_DB_PATH", str(db))

    at = open_page("data", indicators="wdi_net_migration", countries="VEN,COL", years="2015-2020")
    assert not at.exception
    rows = list(csv.reader(io.StringIO(downloaded(downloads, "gcm-data").decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    assert body
    for row in body:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) and col["Value"] != i
                       for i, cell in enumerate(row)), row
        assert row[col["Indicator"]] == '\'=HYPERLINK("http://evil.example","x")'
        assert row[col["Source"]] == "'@SUM(1+1)"
        float(row[col["Value"]])  # the value is a plain number, negative ones included
    assert any(row[col["Value"]].startswith("-") for row in body)
