"""Switching the interface language: the selector, the URL and the browser's locale."""
from __future__ import annotations

from tests.app.conftest import open_page


def test_the_language_selector_switches_the_page_and_the_link(db_env):
    at = open_page("compare", countries="COL,PER", indicator="glotip_victims_rate")
    assert at.title[0].value == "Compare"
    at.segmented_control(key="w_lang").set_value("pt").run()
    assert not at.exception
    assert at.title[0].value == "Comparar"
    assert at.query_params["lang"] in ("pt", ["pt"])
    assert list(at.dataframe[0].value.iloc[:, 0]) == ["Colômbia", "Peru"]  # country names from reference data
    at.segmented_control(key="w_lang").set_value("es").run()
    assert at.title[0].value == "Comparar" and "País o grupo" in at.dataframe[0].value.columns


def test_lang_in_the_url_wins(db_env):
    at = open_page("objective", objective="8", lang="es")
    assert at.title[0].value.startswith("Objetivo 8 · Salvar vidas")
