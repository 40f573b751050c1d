"""The CSV export: spreadsheet-safe text, numbers kept as numbers, UTF-8 with BOM, a table that reads back."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gcm.export import (
    FORMULA_PREFIXES, META_COLUMNS, VALUE_COLUMNS, column_label, coverage_matrix, dangerous, localized, restore_text,
    sources_table, tidy_values, to_csv_bytes, value_note, view_url,
)
from gcm.i18n import LANGS

BOM = b"\xef\xbb\xbf"
WHEN = datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone.utc)
URL = "http://localhost:8501/data?countries=COL,PER&years=2015-2023&lang=en"


def export(df: pd.DataFrame, lang: str = "en", **kw) -> bytes:
    return to_csv_bytes(df, view_url=kw.pop("view_url", URL), downloaded_at=kw.pop("downloaded_at", WHEN),
                        lang=lang, **kw)


def read_back(data: bytes, **kw) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", **kw)


def text_lines(data: bytes) -> list[str]:
    return data.decode("utf-8-sig").split("\r\n")


def cells(data: bytes, delimiter: str = ",") -> list[list[str]]:
    """The file's rows as a spreadsheet splitting on `delimiter` reads them (quotes respected)."""
    import csv as csvlib

    return list(csvlib.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


# --- formula neutralisation ---------------------------------------------------------------------

@pytest.mark.parametrize("cell", [
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+1+2",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=",
    "-",
    "＝1+1",                       # full-width: some spreadsheets fold it to "="
    "\u202e=1+1",                  # a direction override before the formula
    "\u200b@SUM(A1)",              # a zero-width space before it
    "x;=1+1",                      # a formula after the separator of a Spanish-locale spreadsheet
    "Perú,-2+3",
])
def test_each_dangerous_prefix_gets_an_apostrophe_and_reads_back(cell):
    df = pd.DataFrame({"name": [cell, "safe"], "value": [1.0, 2.0]})
    back = read_back(export(df), dtype={"name": str}, keep_default_na=False)
    assert back.loc[0, "name"] == "'" + cell
    assert back.loc[1, "name"] == "safe"
    assert restore_text(back.loc[0, "name"]) == cell


def test_the_test_covers_every_prefix_the_module_neutralises():
    assert set(FORMULA_PREFIXES) == {"=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"}


@pytest.mark.parametrize("cell, expected", [
    ("'=1+1", "''=1+1"),       # already quoted by someone: one more, so restoring is exact
    ("'plain", "'plain"),      # an apostrophe before harmless text is left alone
    (" =1+1", "' =1+1"),       # some spreadsheets trim a leading space before reading a formula
    ("a=b", "a=b"),
    ("<5 (suppressed)", "<5 (suppressed)"),
])
def test_only_formula_starts_are_changed(cell, expected):
    df = pd.DataFrame({"name": [cell]})
    back = read_back(export(df), dtype=str, keep_default_na=False)
    assert back.loc[0, "name"] == expected
    assert restore_text(back.loc[0, "name"]) == cell


def test_headers_are_neutralised_too():
    df = pd.DataFrame({"=cmd()": ["x"], "@user": ["y"]})
    assert cells(export(df))[0][:2] == ["'=cmd()", "'@user"]


def test_a_malicious_view_url_cannot_become_a_formula():
    back = read_back(export(pd.DataFrame({"a": [1]}), view_url="=WEBSERVICE(\"http://x\")"), dtype=str)
    assert back["Link to this view"].str.startswith("'=").all()


# --- numbers ---------------------------------------------------------------------------------------

def test_negative_numbers_stay_numbers():
    df = pd.DataFrame({"country_iso3": ["VEN", "COL", "PER"], "value": [-130720000000.0, -1.5, 0.0],
                       "year": pd.array([2020, 2021, None], dtype="Int64")})
    data = export(df)
    lines = text_lines(data)   # numbers unquoted (a spreadsheet reads them as numbers), text quoted
    assert lines[1].startswith('"VEN",-130720000000.0,2020,')
    assert lines[2].startswith('"COL",-1.5,2021,')
    assert lines[3].startswith('"PER",0.0,"",')  # a missing year stays empty, not 0
    back = read_back(data)
    assert back["Value"].tolist() == [-130720000000.0, -1.5, 0.0]
    assert back["Year"].isna().tolist() == [False, False, True]


def test_a_negative_number_held_as_text_is_treated_as_text():
    """Text is never guessed into a number: '-5' in a text column is neutralised like any text."""
    back = read_back(export(pd.DataFrame({"code": ["-5"]})), dtype=str)
    assert back.loc[0, "code"] == "'-5"


def test_numbers_in_a_mixed_column_stay_numbers():
    back = read_back(export(pd.DataFrame({"mixed": [-3, "=x", None]})), dtype=str, keep_default_na=False)
    assert back["mixed"].tolist() == ["-3", "'=x", ""]


# --- encoding, line ends, metadata -----------------------------------------------------------------

def test_utf8_with_bom_and_crlf_line_ends():
    df = pd.DataFrame({"country": ["Perú", "São Tomé", "Curaçao", "日本", "Åland 🌎"], "value": [1, 2, 3, 4, 5]})
    data = export(df)
    assert data.startswith(BOM) and data.count(BOM) == 1
    assert data.count(b"\r\n") == len(df) + 1
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert read_back(data)["Country"].tolist() == df["country"].tolist()


def test_plain_pandas_reads_the_bom_away():
    back = pd.read_csv(io.BytesIO(export(pd.DataFrame({"country_iso3": ["COL"]}))))
    assert back.columns[0] == "Country code (ISO3)"


def test_view_url_and_download_time_on_every_row_in_utc():
    local = datetime(2026, 3, 4, 1, 6, 7, tzinfo=timezone(timedelta(hours=-4)))
    back = read_back(export(pd.DataFrame({"value": [1.0, 2.0]}), downloaded_at=local), dtype=str)
    assert list(back.columns[-2:]) == ["Link to this view", "Downloaded (UTC)"]
    assert back["Link to this view"].tolist() == [URL, URL]
    assert back["Downloaded (UTC)"].tolist() == ["2026-03-04 05:06:07"] * 2


def test_view_url_keeps_the_parameters_and_escapes_odd_values():
    assert view_url("http://h/data", {"countries": "COL,PER", "years": "2015-2023"}) == \
        "http://h/data?countries=COL,PER&years=2015-2023"
    assert view_url(None, {"q": "a&b=c"}) == "?q=a%26b%3Dc"
    assert view_url("http://h/data", {}) == "http://h/data"


@pytest.mark.parametrize("lang", LANGS)
def test_export_headers_are_translated_and_unique(lang):
    labels = [column_label(c, lang) for c in VALUE_COLUMNS + META_COLUMNS]
    assert len(set(labels)) == len(labels)
    assert not set(labels) & set(VALUE_COLUMNS + META_COLUMNS), "a header fell back to its code name"
    if lang != "en":
        assert labels != [column_label(c, "en") for c in VALUE_COLUMNS + META_COLUMNS]


def test_unknown_columns_keep_their_name_and_headers_can_be_overridden():
    data = export(pd.DataFrame({"rank_label": ["=2"], "value": [3.0]}), lang="es", headers={"value": "Tasa"})
    assert cells(data)[0] == ["rank_label", "Tasa", "Enlace a esta vista", "Descargado (UTC)"]
    assert cells(data)[1][:2] == ["'=2", "3.0"]


# --- the export shape ----------------------------------------------------------------------------

INDICATORS = pd.DataFrame({
    "indicator_code": ["glotip_victims", "wdi_net_migration"],
    "name_en": ["Detected victims of trafficking", "Net migration"],
    "name_es": ["Víctimas de trata detectadas", "Migración neta"],
    "name_pt": ["Vítimas de tráfico detectadas", "Migração líquida"],
    "unit": ["persons", "persons"],
    "objective_id": pd.array([10, None], dtype="Int64"),
    "source": ["UNODC GLOTIP", "World Bank WDI"],
    "licence": ["UNODC terms", "CC BY 4.0"],
    "source_url": ["https://dataunodc.un.org/", "https://databank.worldbank.org/"],
})
COUNTRIES = pd.DataFrame({"country_iso3": ["BLZ", "PER"], "name_en": ["Belize", "Peru"],
                          "name_es": ["Belice", "Perú"], "name_pt": ["Belize", "Peru"]})
OBJECTIVES = pd.DataFrame({"objective_id": [10], "short_en": ["Trafficking"], "short_es": ["Trata"],
                           "short_pt": ["Tráfico"]})
VALUES = pd.DataFrame({
    "country_iso3": ["BLZ", "PER", "PER", "PER"],
    "indicator_code": ["glotip_victims", "glotip_victims", "glotip_victims", "wdi_net_migration"],
    "year": [2019, 2019, 2025, 2020],
    "value": [None, 17.0, 40.0, -65000.0],
    "value_flag": ["suppressed", "lower_bound", None, None],
    "upper_bound": [5.0, None, None, None],
    "months_covered": pd.array([None, None, 4, None], dtype="Int64"),
    "source": ["UNODC GLOTIP", "UNODC GLOTIP", "UNODC GLOTIP", "World Bank WDI"],
    "licence": ["UNODC terms", "UNODC terms", "UNODC terms", "CC BY 4.0"],
})


def test_tidy_values_has_the_export_shape_and_honest_notes():
    tidy = tidy_values(VALUES, indicators=INDICATORS, countries=COUNTRIES, objectives=OBJECTIVES, lang="en")
    assert list(tidy.columns) == VALUE_COLUMNS
    suppressed = tidy.iloc[0]
    assert pd.isna(suppressed["value"]), "a suppressed count must not become a number (never 0)"
    assert suppressed["value_note"] == "<5 (suppressed in the source)"
    assert tidy.loc[1, "value_note"] == "at least 17 (lower bound)"
    assert tidy.loc[2, "value_note"] == "partial year (4 of 12 months)" and tidy.loc[2, "months_covered"] == 4
    assert tidy.loc[3, "value"] == -65000.0 and pd.isna(tidy.loc[3, "objective_id"])
    assert tidy["unit"].tolist() == ["persons"] * 4
    assert tidy["licence"].tolist() == ["UNODC terms"] * 3 + ["CC BY 4.0"]
    assert tidy.loc[0, ["country", "indicator", "objective"]].tolist() == \
        ["Belize", "Detected victims of trafficking", "Trafficking"]


def test_tidy_values_in_spanish():
    tidy = tidy_values(VALUES, indicators=INDICATORS, countries=COUNTRIES, objectives=OBJECTIVES, lang="es")
    assert tidy.loc[1, ["country", "indicator", "objective"]].tolist() == ["Perú", "Víctimas de trata detectadas", "Trata"]
    assert tidy.loc[0, "value_note"] == "<5 (suprimido en la fuente)"
    assert tidy.loc[2, "value_note"] == "año parcial (4 de 12 meses)"


def test_the_exported_table_reads_back_as_the_same_table():
    tidy = tidy_values(VALUES, indicators=INDICATORS, countries=COUNTRIES, objectives=OBJECTIVES, lang="pt")
    back = read_back(export(tidy, lang="pt"), keep_default_na=False, na_values=[""])
    expected = localized(tidy, "pt")
    assert list(back.columns) == list(expected.columns) + ["Link para esta visualização", "Baixado (UTC)"]
    for col in expected.columns:
        want = expected[col].replace("", None).tolist()
        got = back[col].tolist()
        assert [None if pd.isna(v) else v for v in got] == [None if pd.isna(v) else v for v in want], col


def test_value_note_without_a_bound_still_says_suppressed():
    assert value_note("suppressed", None, None, None, "en") == "suppressed in the source (small count)"
    assert value_note(None, None, 3.0, 12, "en") == ""


def test_coverage_matrix_shows_gaps_as_zero_and_counts_suppressed_as_reported():
    grid = coverage_matrix(VALUES, ["wdi_net_migration", "glotip_victims"], ["PER", "BLZ"],
                           country_names={"BLZ": "Belize", "PER": "Peru"},
                           indicator_names={"glotip_victims": "Victims", "wdi_net_migration": "Net migration"})
    assert list(grid.index) == ["Belize", "Peru"]
    assert list(grid.columns) == ["Net migration", "Victims"]
    assert grid.loc["Belize", "Net migration"] == 0
    assert grid.loc["Belize", "Victims"] == 1
    assert grid.loc["Peru", "Victims"] == 2


def test_sources_table_names_each_source_once_with_its_indicators():
    table = sources_table(INDICATORS, ["glotip_victims", "wdi_net_migration"], "es")
    assert table["source"].tolist() == ["UNODC GLOTIP", "World Bank WDI"]
    assert table["indicators"].tolist() == ["Víctimas de trata detectadas", "Migración neta"]


# --- property: any text survives, none becomes a formula ----------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=30), st.text(max_size=30)), min_size=1, max_size=8))
def test_no_exported_text_starts_a_formula_and_content_round_trips(rows):
    df = pd.DataFrame(rows, columns=["left", "right"])
    back = read_back(export(df), dtype=str, keep_default_na=False)
    assert len(back) == len(df)
    for col in ("left", "right"):
        for original, cell in zip(df[col], back[col]):
            assert not cell.startswith(FORMULA_PREFIXES), repr(cell)
            assert restore_text(cell) == original



@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
def test_no_cell_is_a_formula_whatever_separator_the_spreadsheet_splits_on(separator):
    """A spreadsheet in a Spanish or Portuguese locale may open a CSV splitting on ';': whatever it splits
    on, no cell it reads starts a formula (every text is quoted, and any that could is neutralised)."""
    df = pd.DataFrame({"name": ["x;=1+1", "a,@b", "c|-d", "e\t+f", "ok"], "value": [1.5, -2.0, 3.0, 4.0, 5.0]})
    def number(cell: str) -> bool:
        try:
            float(cell)
            return True
        except ValueError:
            return False

    for row in cells(export(df), separator):
        for cell in row:
            assert not dangerous(cell) or cell.startswith("'") or number(cell), (separator, cell)
    rows = cells(export(df))
    assert [r[0] for r in rows[1:]] == ["'x;=1+1", "'a,@b", "'c|-d", "'e\t+f", "ok"]
    assert [float(r[1]) for r in rows[1:]] == [1.5, -2.0, 3.0, 4.0, 5.0]  # numbers stay numbers


# --- the Excel download ------------------------------------------------------------------------------

def test_the_excel_download_keeps_numbers_as_numbers_text_as_text_and_names_its_sources():
    from openpyxl import load_workbook

    from gcm.export import to_xlsx_bytes

    df = pd.DataFrame({"country": ["Perú", "=HYPERLINK(\"http://evil.example\")", "x;=1+1"],
                       "value": [1234.5, -2.0, None], "year": pd.array([2020, 2021, None], dtype="Int64"),
                       "countries": [["COL", "PER"], [], ["MEX"]],
                       "source": ["UNODC", "UNODC", "IOM"], "licence": ["CC BY 3.0 IGO", "CC BY 3.0 IGO", "CC BY 4.0"]})
    data = to_xlsx_bytes(df, view_url=URL, downloaded_at=WHEN, lang="es", headers={"value": "Tasa"})
    book = load_workbook(io.BytesIO(data))
    sheet = book["Datos"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("country", "Tasa", "year") or rows[0][1] == "Tasa"
    assert rows[1][1] == 1234.5 and rows[2][1] == -2.0 and rows[3][1] is None   # numbers, and a gap stays empty
    assert rows[1][2] == 2020 and rows[3][2] is None
    assert rows[2][0] == "=HYPERLINK(\"http://evil.example\")"                   # the text exactly as it is…
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)         # …and never a formula
    assert rows[1][3] == "COL; PER"
    sources = list(book["Fuentes y enlace"].iter_rows(values_only=True))
    assert sources[0] == ("Enlace a esta vista", URL) and sources[1][1] == "2026-03-04 05:06:07"
    assert ("UNODC", "CC BY 3.0 IGO") in sources and ("IOM", "CC BY 4.0") in sources



def test_counts_export_as_integers_and_rates_to_four_significant_digits_with_the_full_value_beside():
    values = pd.DataFrame({
        "country_iso3": ["PER", "COL", "PER", "COL"],
        "indicator_code": ["glotip_victims", "glotip_victims", "wdi_net_migration", "wdi_net_migration"],
        "year": [2019, 2019, 2020, 2020], "value": [17.0, None, -0.123456789, 12345.678],
        "value_flag": [None, "suppressed", None, None], "upper_bound": [None, 5.0, None, None],
        "months_covered": pd.array([None] * 4, dtype="Int64"), "source": ["s"] * 4, "licence": ["l"] * 4,
    })
    tidy = tidy_values(values, indicators=INDICATORS, countries=COUNTRIES, objectives=OBJECTIVES, lang="en")
    assert tidy["value"].tolist()[0] == 17 and isinstance(tidy["value"].tolist()[0], int)
    assert tidy["value"].tolist()[2:] == [-0.1235, 12350.0]
    assert tidy["value_unrounded"].tolist()[2:] == [-0.123456789, 12345.678]
    assert pd.isna(tidy.loc[0, "value_unrounded"]) and pd.isna(tidy.loc[1, "value"])
    lines = text_lines(export(tidy))
    assert ',17,"' in lines[1] and ",-0.1235,-0.123456789," in lines[3]   # numbers unquoted: they stay numbers
