"""A presenter's static table writes what st.dataframe would show, in the reader's locale, and literally."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pytest
import streamlit as st

from gcm.safe import escape_markdown
from gcm.tables import STATIC_ROWS, shows_static, static_table, with_date_formats

HOSTILE = "**x** [y](javascript:alert(1)) <b>z</b>"

# SYNTHETIC rows: one of each kind of cell a page's table holds.
FRAME = pd.DataFrame({
    "title": [HOSTILE, None],
    "deaths": pd.array([1234567, None], dtype="Int64"),
    "since": pd.array([2021, None], dtype="Int32"),
    "rate": [0.0638, 1234.5],
    "rows": [410.0, float("nan")],
    "date": [dt.date(2022, 10, 13), None],
    "primary": [True, False],
    "internal": ["a", "b"],
})
CONFIG = {"title": "Título", "deaths": st.column_config.NumberColumn("Muertes"), "internal": None,
          "primary": st.column_config.CheckboxColumn("Principal")}


def shown(locale: str, lang: str) -> list[dict]:
    """The cells as the reader sees them: st.table renders Markdown, so escapes are undone here."""
    text = static_table(FRAME, CONFIG, locale, lang).data
    return [{k: v.replace("\\", "") for k, v in row.items()} for row in text.to_dict("records")]


@pytest.mark.parametrize("locale, lang, count, rate, big_rate, date, yes", [
    ("es-MX", "es", "1,234,567", "0.0638", "1,234.5000", "13/10/2022", "Sí"),
    ("es-AR", "es", "1.234.567", "0,0638", "1.234,5000", "13/10/2022", "Sí"),
    ("pt-BR", "pt", "1.234.567", "0,0638", "1.234,5000", "13/10/2022", "Sim"),
    ("en", "en", "1,234,567", "0.0638", "1,234.5000", "10/13/2022", "Yes"),
])
def test_cells_are_written_in_the_readers_locale(locale, lang, count, rate, big_rate, date, yes):
    first, second = shown(locale, lang)
    assert list(first) == ["Título", "Muertes", "since", "rate", "rows", "date", "Principal"]  # hidden: gone
    assert first["Muertes"] == count and second["Muertes"] == "–"
    assert first["since"] == "2021"                      # a year: never "2.021"
    assert (first["rate"], second["rate"]) == (rate, big_rate)  # a column's decimals as the model gave them
    assert first["rows"] == "410" and second["rows"] == "–"     # a count kept as a float: an integer
    assert first["date"] == date and second["date"] == "–"
    assert first["Principal"] == yes


def test_every_cell_and_heading_is_escaped_so_markdown_shows_it_literally():
    text = static_table(FRAME, {"title": "**Título**"}, "es", "es").data
    assert text.iloc[0, 0] == escape_markdown(HOSTILE)
    assert "**" not in text.columns[0] and "<b>" not in text.iloc[0, 0] and "](" not in text.iloc[0, 0]


def test_numbers_are_aligned_right_and_text_and_dates_left():
    css = static_table(FRAME, CONFIG, "es", "es").to_html().split("</style>")[0]
    assert "text-align: right !important" in css
    assert all(f"_row0_col{i}" in css for i in (1, 2, 3, 4))           # deaths, since, rate, rows
    assert not any(f"_row0_col{i}," in css or f"_row0_col{i} " in css for i in (0, 5, 6))  # title, date, yes/no


def test_only_short_narrow_tables_without_links_or_selection_become_static():
    small = pd.DataFrame({"a": range(STATIC_ROWS)})
    assert shows_static(small, None, presenting=True, interactive=False)
    assert not shows_static(small, None, presenting=False, interactive=False)
    assert not shows_static(small, None, presenting=True, interactive=True)  # on_select: rows are clicked
    assert not shows_static(pd.DataFrame({"a": range(STATIC_ROWS + 1)}), None, True, False)
    assert not shows_static(pd.DataFrame({f"c{i}": [1] for i in range(11)}), None, True, False)
    assert not shows_static(small, {"a": st.column_config.LinkColumn("link")}, True, False)
    assert shows_static(pa.Table.from_pandas(small), None, True, False)


def test_the_grids_date_columns_get_the_regions_format():
    table = pa.table({"day": pa.array([dt.date(2022, 3, 7)], pa.date32()), "n": [1]})
    config = with_date_formats(table, {"other": st.column_config.DateColumn("Fecha")}, "es-MX")
    assert config["other"]["type_config"]["format"] == "DD/MM/YYYY"
    assert config["day"]["type_config"]["format"] == "DD/MM/YYYY"
    kept = with_date_formats(table, {"day": st.column_config.DateColumn("Día", format="YYYY")}, "es-MX")
    assert kept["day"]["type_config"]["format"] == "YYYY"  # a page's own format stays
