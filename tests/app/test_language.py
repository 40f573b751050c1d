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


def incidents_metric(at) -> str:
    return next(m.value for m in at.metric if m.label in ("Incidentes con migrantes en el mapa",
                                                            "Incidentes com migrantes no mapa", "Migrant incidents mapped"))


def test_a_region_in_the_url_keeps_the_language_and_writes_numbers_the_regions_way(db_env):
    from gcm.queries import warehouse

    mexico, argentina, brazil = (open_page("sources", lang=tag) for tag in ("es-MX", "es-AR", "pt-BR"))
    assert not (mexico.exception or argentina.exception or brazil.exception)
    n = int(warehouse.load_headline_counts()["incidents"])
    assert n >= 1000  # a count with a thousands separator
    assert mexico.title[0].value == argentina.title[0].value == "Tablero del PMM: datos en el almacén"
    assert incidents_metric(mexico) == f"{n:,}"                          # 12,345
    assert incidents_metric(argentina) == f"{n:,}".replace(",", ".")     # 12.345
    assert incidents_metric(brazil) == f"{n:,}".replace(",", ".") and brazil.title[0].value.startswith("Painel")
    assert mexico.query_params["lang"] in ("es-MX", ["es-MX"])  # the link keeps its region


def test_the_region_survives_a_page_link_that_names_the_language_only(db_env):
    at = open_page("sources", lang="es-MX")
    # A page link carries `lang=es` (the page's language): the session keeps the region it was given.
    at.query_params.clear()
    at.query_params["lang"] = "es"
    at.session_state["_url_written"] = None
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    assert at.title[0].value == "Comparar" and at.query_params["lang"] in ("es-MX", ["es-MX"])


def test_a_bad_lang_gives_a_note_and_the_page_still_opens(db_env):
    at = open_page("sources", lang="es-XX")
    assert not at.exception
    assert any("`lang`" in w.value and "XX" in w.value for w in at.warning)
    assert at.title[0].value == "GCM Dashboard: data in the warehouse"  # the browser's language: none here, English
