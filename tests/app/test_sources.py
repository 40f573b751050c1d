"""The first page, driven through Streamlit's AppTest on a warehouse built from the snapshots."""
from __future__ import annotations

import pytest

from tests.app.conftest import open_page


def test_sources_page_renders_sources_counts_and_quarantine(db_env):
    at = open_page("sources")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Indicators"].replace(",", "")) >= 15
    assert int(metrics["Migrant incidents mapped"].replace(",", "")) > 1000
    assert int(metrics["Published practices"]) == 58
    sources = at.dataframe[0].value
    assert {"unodc-glotip", "missing-migrants", "world-bank-wdi"} <= set(sources["folder"])
    assert sources.loc[sources.indicators > 0, "licences"].str.len().gt(0).all()
    assert (sources.rows_read == sources.rows_loaded + sources.rows_quarantined + sources.rows_duplicate
            + sources.rows_out_of_scope).all()


def test_choosing_a_quarantine_reason_shows_its_rows(db_env):
    at = open_page("sources")
    box = at.selectbox[0]
    assert len(box.options) >= 2
    first = at.dataframe[-1].value.copy()
    box.select(box.options[1]).run()
    assert not at.exception
    second = at.dataframe[-1].value
    chosen = box.options[1]
    assert len(second) > 0
    assert not first.equals(second), f"rows did not change after choosing {chosen!r}"


def test_a_missing_warehouse_shows_how_to_build_it_and_the_page_builds_nothing(tmp_path, monkeypatch):
    db = tmp_path / "fresh.duckdb"
    monkeypatch.setenv("GCM_DB_PATH", str(db))
    at = open_page("sources")
    assert not at.exception
    assert at.error and "fresh.duckdb" in at.error[0].value
    assert any("python -m etl build" in c.value for c in at.code)
    assert not db.exists()  # building is the ETL's job (python -m etl build, tasks.py run), not a page's


def test_corrupt_warehouse_gives_a_clear_message_not_a_traceback(tmp_path, monkeypatch):
    db = tmp_path / "broken.duckdb"
    db.write_bytes(b"this is not a duckdb file" * 100)
    monkeypatch.setenv("GCM_DB_PATH", str(db))
    at = open_page("sources")
    assert not at.exception
    assert at.error  # what happened, then the command that fixes it
    assert any("python -m etl build" in c.value for c in at.code)


def test_sources_page_in_spanish(db_env):
    at = open_page("sources", lang="es")
    assert not at.exception
    assert at.title[0].value == "Tablero del PMM: datos en el almacén"
    assert "Indicadores" in {m.label for m in at.metric}
    catalogue = at.dataframe[1].value
    assert "Víctimas de trata detectadas" in set(catalogue["name"])
    assert "más alto es mejor" in set(catalogue["direction"])


@pytest.mark.parametrize("lang,by_size,lower", [
    ("en", "ranked by size, largest first (a count: neither better nor worse)", "lower is better"),
    ("es", "ordenado por tamaño, de mayor a menor (un recuento: ni mejor ni peor)", "más bajo es mejor"),
    ("pt", "ordenado por tamanho, do maior para o menor (uma contagem: nem melhor nem pior)", "mais baixo é melhor"),
])
def test_the_catalogue_gives_a_count_no_better_or_worse(db_env, lang, by_size, lower):
    """Dead and missing migrants is a count (lower is better in the source catalogue): ranked by size on every
    page, and so described here; the rate computed from it keeps its direction."""
    import duckdb

    at = open_page("sources", lang=lang)
    assert not at.exception
    catalogue = at.dataframe[1].value.set_index("indicator_code")
    con = duckdb.connect(str(db_env), read_only=True)
    counts = {c for (c,) in con.execute("SELECT indicator_code FROM dim_indicators WHERE is_count").fetchall()}
    assert {"mmp_dead_missing", "glotip_victims", "idmc_idps_conflict"} <= counts
    assert (catalogue.loc[sorted(counts), "direction"] == by_size).all()
    assert catalogue.loc["mmp_dead_missing_nationals_rate", "direction"] == lower
    assert catalogue.loc["glotip_victims_rate", "direction"] != by_size
    assert any(c.value.startswith({"en": "Direction: a count", "es": "Sentido: un recuento",
                                   "pt": "Sentido: uma contagem"}[lang]) for c in at.caption)
