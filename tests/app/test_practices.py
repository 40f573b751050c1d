"""The Practices page: search without accents, filters, a detail view that a link reopens, text shown literally."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from gcm.search import fold
from tests.app.conftest import open_page
from tests.practices_oracle import hand_search, published


def shown_ids(at) -> list[str]:
    return at.dataframe[0].value["id"].tolist()


def test_lists_every_published_practice_with_names_in_the_language(db_env):
    at = open_page("practices", lang="es")
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == len(published(db_env)) == 58
    row = table.set_index("id").loc["P04"]
    assert "Haití" in row["countries"]  # country names in Spanish
    assert row["objectives"].startswith("5 · Vías de migración regular")


def test_search_ignores_accents_and_case(db_env):
    at = open_page("practices")
    at.text_input(key="pr_search").input("migracion").run()
    assert not at.exception
    ids = set(shown_ids(at))
    # The same search done by hand on the warehouse: every practice with "migración" in any field and language.
    rows = published(db_env)
    expected = hand_search(rows, "migracion")
    assert ids == expected
    assert {"P41", "P48"} <= ids  # "Código de Migración", "Ley 21.325 de Migración y Extranjería"
    assert "migracion" not in fold(rows.set_index("practice_id").loc["P41", "title"])  # found by its original name
    assert len(ids) < 58


def test_search_by_acronym_finds_the_practice(db_env):
    at = open_page("practices")
    at.text_input(key="pr_search").input("ETPV").run()
    assert shown_ids(at)[0] == "P01"
    at.text_input(key="pr_search").input("zzz no practice has this").run()
    assert not at.dataframe and at.info  # an empty result says so instead of an empty table


def test_page_filters_reduce_the_list(db_env):
    at = open_page("practices")
    at.multiselect(key="pr_level").select("regional").run()
    regional = shown_ids(at)
    assert 0 < len(regional) < 58
    with duckdb.connect(str(db_env), read_only=True) as con:
        expected = {r[0] for r in con.execute(
            "SELECT practice_id FROM practices WHERE status = 'published' AND level = 'regional'").fetchall()}
    assert set(regional) == expected
    at.multiselect(key="pr_actor").select("judiciary").run()
    assert set(shown_ids(at)) == {"P34", "P55", "P56"}
    at.checkbox(key="pr_unknown_year").uncheck().run()
    assert set(shown_ids(at)) == {"P55", "P56"}  # P34 has no known start year


@pytest.mark.parametrize("params, check", [
    ({"countries": "MEX"}, lambda t: t["countries"].str.contains("Mexico").all()),
    ({"objective": "8"}, lambda t: t["objectives"].map(lambda s: any(o.startswith("8 ·") for o in s.split("; "))).all()),
])
def test_shared_filters_in_the_url_reduce_the_list(db_env, params, check):
    at = open_page("practices", **params)
    assert not at.exception
    table = at.dataframe[0].value
    assert 0 < len(table) < 58
    assert check(table)


def test_a_link_with_a_practice_opens_its_detail(db_env):
    at = open_page("practices", practice="P12", lang="es")
    assert not at.exception
    assert at.selectbox(key="pr_practice").value == "P12"
    assert at.main.header[0].value == "P12"
    assert "México: Comisión Nacional de Búsqueda de Personas (CNB)" in [t.value for t in at.text]
    texts = [t.value for t in at.text]
    assert any(t.startswith("Comisión Nacional de Búsqueda de Personas") for t in texts)  # original name
    assert any(t.startswith("La Ley General en materia de desaparición") for t in texts)  # the summary in Spanish
    # marked as the dashboard's translation, with the fact sheet's English beside it
    assert any(c.value == "Traducción del inglés hecha por el equipo del tablero; el texto original de la ficha "
               "figura más abajo." for c in at.caption)
    assert any(t.startswith("Mexico National Search Commission (CNB)\n\nThe 2017 General Law") for t in texts)
    assert at.query_params["practice"] == "P12"
    countries = at.dataframe[1].value
    assert countries.iloc[0].tolist() == ["México", "La implementa"]


def test_choosing_a_practice_puts_it_in_the_url(db_env):
    at = open_page("practices")
    assert "Mexico Beta Groups" not in [t.value for t in at.text]
    at.selectbox(key="pr_practice").select("P16").run()
    assert not at.exception
    assert at.query_params["practice"] == "P16"
    assert at.main.header[0].value == "P16" and "Mexico Beta Groups" in [t.value for t in at.text]
    tags = at.dataframe[2].value  # objectives with the rationale for each
    assert tags["rationale"].str.len().gt(0).all()


@pytest.mark.parametrize("value", ["P999", "<script>alert(1)</script>"])
def test_an_unknown_practice_in_the_url_gives_a_note(db_env, value):
    at = open_page("practices", practice=value)
    assert not at.exception
    assert len(at.warning) == 1
    assert "<script>" not in at.warning[0].value  # escaped, shown literally
    assert at.selectbox(key="pr_practice").value is None
    assert len(at.dataframe[0].value) == 58  # the rest of the page still works
    at.selectbox(key="pr_practice").select("P01").run()
    assert not at.warning and at.query_params["practice"] == "P01"


HOSTILE_TITLE = "<img src=x onerror=alert(1)> **bold** [click](javascript:alert(1)) $x^2$"
HOSTILE_SUMMARY = "<script>alert('summary')</script> _under_ # heading"


@pytest.fixture
def hostile_db(built_db, tmp_path, monkeypatch):
    """A copy of the warehouse with a published practice, and an unpublished one, written to attack the page."""
    db = tmp_path / "hostile.duckdb"
    shutil.copy(built_db, db)
    with duckdb.connect(str(db)) as con:
        for pid, status in (("P90", "published"), ("P91", "submitted")):
            con.execute(
                """INSERT INTO practices (practice_id, title, original_name, countries_text, year_start, actors,
                       actor_type, primary_objective_id, objective_rationale, practice_status, summary, source_urls,
                       verified, level, language, status, source_file)
                   VALUES (?, ?, '<b>original</b>', 'COL', 2020, '[actor](http://evil.example)',
                           'civil society', 8, '8: x', 'ongoing', ?, ?, 'partial', 'national', 'en', ?, 'test')""",
                (pid, HOSTILE_TITLE, HOSTILE_SUMMARY,
                 "javascript:alert(1) ; https://example.org/ok ; data:text/html,<b>x</b>", status))
            con.execute("INSERT INTO practice_objectives VALUES (?, 8, true, '<i>why</i>')", (pid,))
            con.execute("INSERT INTO practice_countries VALUES (?, 'COL', 'implementer')", (pid,))
    monkeypatch.setenv("GCM_DB_PATH", str(db))
    return db


def test_hostile_practice_text_is_shown_literally(hostile_db):
    at = open_page("practices", practice="P90")
    assert not at.exception
    texts = [t.value for t in at.text]
    assert HOSTILE_TITLE in texts  # plain text, never Markdown (issue 18)
    assert HOSTILE_SUMMARY in texts and "[actor](http://evil.example)" in texts  # plain text elements
    sources = at.dataframe[-1].value
    assert sources["url"].tolist() == ["https://example.org/ok"]  # only http(s) becomes a link
    assert {"javascript:alert(1)", "data:text/html,<b>x</b>"} <= set(texts)
    # The title also appears in the results table as data, not markup.
    assert HOSTILE_TITLE in at.dataframe[0].value["title"].tolist()


def test_unpublished_practices_are_not_shown(hostile_db):
    at = open_page("practices", practice="P91")
    assert at.warning and at.selectbox(key="pr_practice").value is None
    assert "P91" not in shown_ids(at)
    at.text_input(key="pr_search").input("onerror").run()
    assert shown_ids(at) == ["P90"]


def test_a_search_is_part_of_the_link(db_env):
    at = open_page("practices", q="migracion")
    assert not at.exception
    assert at.text_input(key="pr_search").value == "migracion"
    shown = at.dataframe[0].value["title"].tolist()
    assert shown and len(shown) < 58
    at.text_input(key="pr_search").set_value("ETPV").run()
    assert at.query_params["q"] == ["ETPV"] or at.query_params["q"] == "ETPV"
    assert at.dataframe[0].value["title"].tolist() == ["Colombia Temporary Protection Statute (ETPV)"]


def test_a_fresh_clone_without_a_submissions_folder_opens_every_practice_page(db_env, tmp_path, monkeypatch):
    missing = tmp_path / "not" / "made" / "yet"
    monkeypatch.setenv("GCM_SUBMISSIONS", str(missing))
    for page in ("practices", "objective"):
        at = open_page(page, objective="23", lang="pt")
        assert not at.exception, page
    assert (missing / "practices.sqlite3").exists()
