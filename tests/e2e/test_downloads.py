"""Downloads in the browser: the Excel file opens with its numbers, texts and sources; the tables'
own toolbar offers no raw CSV that would bypass the app's formula-safe export."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.e2e.conftest import wait_for_app


def test_the_excel_download_opens_with_numbers_as_numbers_and_its_sources(page, server):
    page.goto(f"{server}/data?countries=COL,PER&indicators=glotip_victims&years=2015-2020&lang=es")
    wait_for_app(page)
    button = page.get_by_role("button", name="Excel (.xlsx)").first
    with page.expect_download(timeout=60_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    assert book.sheetnames == ["Datos", "Fuentes y enlace"]
    rows = list(book["Datos"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert body and "Perú" in {r[header.index("País")] for r in body}
    years = [r[header.index("Año")] for r in body]
    assert all(isinstance(y, int) for y in years)           # numbers, not text
    sources = dict(book["Fuentes y enlace"].iter_rows(values_only=True))
    assert "indicators=glotip_victims" in sources["Enlace a esta vista"]
    assert any("UNODC" in str(k) for k in sources)


def test_tables_offer_no_toolbar_csv_download(page, server):
    page.goto(f"{server}/data?countries=COL,PER&indicators=glotip_victims&lang=en")
    wait_for_app(page)
    table = page.locator("[data-testid=stDataFrame]").first
    table.hover()
    page.wait_for_timeout(500)
    assert page.locator("[data-testid=stElementToolbar] button[aria-label*='Download']").count() == 0
