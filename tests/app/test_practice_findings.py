"""Issue 18's findings on the pages: crashes, Markdown in submitted text, doubles after a rebuild,
unreviewed and private text in the warehouse, server-wide settings. Each failed on the code before it."""
from __future__ import annotations

import tomllib

import duckdb
import pandas as pd
import pytest
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.state import SessionState

from common.paths import ROOT
from etl.build import build
from gcm.present import load_storyboards
from practices.ingest import ingest
from practices.record import check, reference_for, settings
from practices.store import Store
from tests.app.conftest import open_page
from tests.app.test_hostile_urls import PAGES

# Autolinks, a Material icon, an HTML entity, a heading and a right-to-left override: Markdown
# would turn each into something else; plain text shows them as typed (the override made visible).
TITLE = "# www.evil.example :material/home: &lt;b&gt; ‮gpj.exe"
SHOWN_TITLE = TITLE.replace("\u202e", "\ufffd")
HOSTILE = {
    "title": TITLE, "summary": "Resumen con https://evil.example/login y `código` :smile:", "countries": "COL",
    "objectives": "9", "actor": "Alcaldía", "actor_type": "government (subnational)", "year_start": "2022",
    "links": "https://gov.example@evil.example/page", "contact_email": "ana.secret@example.org", "language": "es",
    "consent": "yes",
}
UNREVIEWED = {**HOSTILE, "title": "UNREVIEWED-SECRET-TITLE", "summary": "UNREVIEWED-SECRET-SUMMARY"}
# A form export with Spanish column names for contact details, and rows the ingest refuses.
EXPORT = pd.DataFrame([
    ["Programa válido de prueba", "Un resumen.", "COL", "9", "Alcaldía", "Gobierno nacional", "2021",
     "https://example.org/a", "valido@example.org", "es", "sí", "Juana Privada", "juana.correo@example.org",
     "+57 300 111 2222", "+57 300 333 4444", "Juana, oficina 5"],
    ["REFUSED-ROW-TITLE", "REFUSED-ROW-SUMMARY", "Narnia", "99", "Nadie", "alien", "3020", "javascript:alert(1)",
     "no-es-correo", "fr", "sí", "Pedro Secreto", "pedro.correo@example.org", "+57 300 555 6666",
     "+57 300 777 8888", "Pedro, casa"],
], columns=["title", "summary", "countries", "objectives", "actor", "actor_type", "year_start", "source_url",
            "contact_email", "language", "consent", "nombre", "correo", "teléfono", "whatsapp", "contacto"])
PRIVATE = ["ana.secret@example.org", "valido@example.org", "Juana Privada", "juana.correo", "300 111 2222",
           "300 333 4444", "Pedro Secreto", "pedro.correo", "300 555 6666", "300 777 8888", "Pedro, casa",
           "UNREVIEWED-SECRET", "REFUSED-ROW", "Narnia", "no-es-correo"]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """A warehouse built (twice: a rebuild) from a store holding a published hostile submission, an
    unreviewed one and an ingested export with contact details and a refused row; yields (db, ref)."""
    root = tmp_path_factory.mktemp("findings")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GCM_SUBMISSIONS", str(root / "store"))
        store = Store(root / "store")
        ref = reference_for()
        assert store.submit(ref, check(HOSTILE).record, origin="form")
        assert store.approve(ref, "Ana").state == "published"
        assert store.submit(reference_for(), check(UNREVIEWED).record, origin="form")
        EXPORT.to_csv(root / "export.csv", index=False)
        result = ingest(root / "export.csv", store)
        assert len(result.submitted) == 1 and len(result.quarantined) == 1
        db = root / "gcm.duckdb"
        build(db)
        store.decide(result.submitted[0], "rejected", "Ana", "no")  # a change, so the next build runs
        assert build(db).built
        mp.setenv("GCM_DB_PATH", str(db))
        yield db, ref


def shown(at) -> str:
    """Every text, Markdown and table cell a page shows."""
    parts = [str(e.value) for kind in ("markdown", "caption", "error", "info", "success", "warning", "code", "text",
                                       "subheader", "header", "title")
             for e in getattr(at, kind)]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


def markdown_shown(at) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "subheader", "header", "title")
                     for e in getattr(at, kind))


# --- crashes -------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", [None, "objective", "practices", "country", "scorecard"])
def test_an_objective_without_practices_and_a_country_selection_opens(db_env, page):
    at = open_page(page, objective="3", countries="COL")
    assert not at.exception, at.exception


@pytest.mark.parametrize("value", ["²", "9" * 5000, "٣"])
@pytest.mark.parametrize("page", PAGES + ["storyboard"])
def test_an_objective_that_is_not_a_number_gives_a_note(db_env, page, value):
    at = open_page(page, objective=value, step=value)
    assert not at.exception, at.exception


# --- submitted text is plain text ----------------------------------------------------------------

def test_the_practice_heading_is_plain_text(rebuilt):
    _, ref = rebuilt
    at = open_page("practices", practice=ref)
    assert not at.exception
    assert SHOWN_TITLE in [t.value for t in at.text]
    assert HOSTILE["summary"] in [t.value for t in at.text]
    markdown = markdown_shown(at)
    for fragment in ("www", "material", "&lt;", "gpj"):
        assert fragment not in markdown, fragment


def test_a_link_shows_the_host_it_really_leads_to(rebuilt):
    _, ref = rebuilt
    at = open_page("practices", practice=ref)
    links = at.dataframe[-1].value
    assert links.to_dict("records") == [{"host": "evil.example", "url": "https://gov.example@evil.example/page"}]


def test_the_storyboard_shows_submitted_practices_as_plain_text(rebuilt):
    step = [s.kind for s in load_storyboards()[9]].index("practices") + 1
    at = open_page("storyboard", objective="9", step=str(step))
    assert not at.exception
    assert SHOWN_TITLE in [t.value for t in at.text]
    assert "www" not in markdown_shown(at) and "material/home" not in markdown_shown(at)


# --- a rebuild does not double a published submission ---------------------------------------------

def test_after_a_rebuild_a_published_submission_is_listed_once(rebuilt):
    _, ref = rebuilt
    at = open_page("practices", practice=ref)
    countries, objectives = at.dataframe[1].value, at.dataframe[2].value
    assert len(countries) == 1 and len(objectives) == 1
    at = open_page("practices", objective="9", countries="COL")
    assert at.dataframe[0].value["id"].tolist().count(ref) == 1
    assert at.dataframe[0].value.set_index("id").loc[ref, "objectives"].startswith("9 ")


# --- nothing unreviewed or private is public ----------------------------------------------------

def test_the_warehouse_holds_nothing_unreviewed_or_private(rebuilt):
    db, ref = rebuilt
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        dump = "\n".join(str(row) for t in tables for row in con.execute(f'SELECT * FROM "{t}"').fetchall())
        refused = con.execute("SELECT raw_values, reason FROM quarantine WHERE source = 'submissions'").fetchall()
    assert ref in dump  # the published one is there
    for private in PRIVATE:
        assert private not in dump, private
    assert len(refused) == 1 and refused[0][0] in ("{}", None, "")  # a count and reasons, no values
    assert "Countries: unknown country" in refused[0][1]


def test_the_sources_page_shows_no_submitted_values(rebuilt):
    at = open_page("sources")
    assert not at.exception
    labels = at.selectbox[0].options
    for label in [lab for lab in labels if lab.startswith("submissions")] or labels[:1]:
        at.selectbox[0].select(label).run()
        text = shown(at)
        for private in PRIVATE:
            assert private not in text, private


# --- server-wide settings --------------------------------------------------------------------------

def test_the_upload_limit_is_what_the_review_page_accepts():
    with open(ROOT / ".streamlit" / "config.toml", "rb") as fh:
        config = tomllib.load(fh)
    assert config["server"]["maxUploadSize"] == settings()["ingest"]["max_upload_mb"]


def test_a_clients_cache_clearing_message_leaves_the_shared_caches(db_env):
    import streamlit as st

    open_page("methodology")  # the entry script guards the server at its first run
    made = []

    @st.cache_resource
    def shared() -> int:
        made.append(1)
        return len(made)

    shared()
    session = object.__new__(AppSession)  # a real session's handler, on its own state
    session._session_state = SessionState()
    session._session_state["mine"] = 1
    session._handle_clear_cache_request()
    assert shared() == 1 and made == [1]
    assert "mine" not in session._session_state


def test_a_session_keeps_one_upload_however_many_it_sends():
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec

    from gcm.guard import guard_server

    guard_server()
    uploads = MemoryUploadedFileManager("/_stcore/upload_file")
    for i in range(20):  # 20 files from one session: only the newest stays in memory
        uploads.add_file("session-1", UploadedFileRec(f"file-{i}", "x.csv", "text/csv", b"x" * 1000))
    uploads.add_file("session-2", UploadedFileRec("other", "y.csv", "text/csv", b"y"))
    assert list(uploads.file_storage["session-1"]) == ["file-19"]
    assert list(uploads.file_storage["session-2"]) == ["other"]
