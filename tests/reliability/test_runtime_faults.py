"""The app with a missing, corrupt or older warehouse, during a rebuild, and a build that runs out of disk."""
from __future__ import annotations

import errno
import hashlib
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from gcm import db
from gcm.db import REBUILD
from common.paths import ROOT
from tests.app.conftest import open_page

PAGES = ["scorecard", "objective", "map", "compare", "country", "practices", "storyboard", "data", "methodology",
         "sources"]
FIXTURES = ROOT / "tests" / "etl" / "fixtures"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shown(at) -> str:
    return " ".join(str(e.value) for e in list(at.error) + list(at.markdown) + list(at.code) + list(at.caption))


def assert_explains(at, *words: str) -> None:
    """No exception; an error that says what happened, and the command that rebuilds the warehouse."""
    assert not at.exception, at.exception
    assert at.error, "no error message on the page"
    text = shown(at)
    assert REBUILD in [str(c.value) for c in at.code], text
    for w in words:
        assert w in text, (w, text)
    assert "Traceback" not in text


def damaged(kind: str, good: Path, dest: Path) -> Path:
    """A copy of the good warehouse damaged in one way."""
    path = dest / "gcm.duckdb"
    if kind == "random_bytes":
        path.write_bytes(random.Random(1).randbytes(200_000))
    elif kind == "truncated":
        path.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    elif kind == "empty_file":
        path.write_bytes(b"")
    else:
        shutil.copy(good, path)
        con = duckdb.connect(str(path))
        con.execute({"older_schema": "UPDATE etl_runs SET schema_version = 0",
                     "no_build_record": "DROP TABLE etl_runs",
                     "table_missing": "DROP TABLE fct_incidents"}[kind])
        con.close()
    return path


WORDS = {"random_bytes": ["cannot be read"], "truncated": ["cannot be read"], "empty_file": ["cannot be read"],
         "older_schema": ["another version", "schema 0"], "no_build_record": ["another version"],
         "table_missing": ["fct_incidents"]}


@pytest.mark.reliability("runtime")
@pytest.mark.parametrize("page", PAGES)
def test_every_page_explains_a_corrupt_warehouse(built_db, tmp_path, monkeypatch, tally, page):
    monkeypatch.setenv("GCM_DB_PATH", str(damaged("random_bytes", built_db, tmp_path)))
    tally.faults(1)
    assert_explains(open_page(page), "gcm.duckdb")


@pytest.mark.reliability("runtime")
@pytest.mark.parametrize("kind", list(WORDS))
@pytest.mark.parametrize("page", ["scorecard", "map"])
def test_a_damaged_or_older_warehouse_gets_a_clear_page(built_db, tmp_path, monkeypatch, tally, kind, page):
    monkeypatch.setenv("GCM_DB_PATH", str(damaged(kind, built_db, tmp_path)))
    tally.faults(1)
    at = open_page(page, lang="es") if kind == "older_schema" else open_page(page)
    if kind == "older_schema":
        assert_explains(at, "otra versión", "schema 0")  # in the reader's language
    else:
        assert_explains(at, *WORDS[kind])
    assert str(tmp_path) not in shown(at), "the page shows the server's folders"


@pytest.mark.reliability("runtime")
def test_an_older_warehouse_is_rebuilt_even_with_unchanged_inputs(built_db, tmp_path, tally):
    path = damaged("older_schema", built_db, tmp_path)
    tally.faults(1)
    assert build(path).built  # not "nothing to do"
    db_version = duckdb.connect(str(path), read_only=True).execute(
        "SELECT schema_version FROM etl_runs WHERE is_current").fetchall()
    assert db_version == [(db.SCHEMA_VERSION,)]


@pytest.mark.reliability("runtime")
def test_a_missing_warehouse_is_explained_on_every_first_visit(tmp_path, monkeypatch, tally):
    path = tmp_path / "new" / "gcm.duckdb"
    monkeypatch.setenv("GCM_DB_PATH", str(path))
    tally.faults(1)
    for page in (None, "scorecard"):  # the start page and a deep link
        at = open_page(page) if page else open_page()
        assert not at.exception, at.exception
        assert at.error and "gcm.duckdb" in str(at.error[0].value)
        assert REBUILD in [str(c.value) for c in at.code]
    assert not path.exists()  # a page never builds: `python -m etl build` (tasks.py run) does


@pytest.mark.reliability("runtime")
def test_a_rebuild_while_the_page_is_open_shows_old_then_new_data(built_db, tmp_path, monkeypatch, tally):
    live = tmp_path / "gcm.duckdb"
    shutil.copy(built_db, live)
    monkeypatch.setenv("GCM_DB_PATH", str(live))
    at = open_page("sources")
    assert not at.exception and "snapshots:" in shown(at)

    import etl.build as build_module

    seen = {}
    original = build_module._test_hook

    def visit_during_build(point: str) -> None:
        original(point)
        if point in ("after_load", "before_swap"):  # the new file is written but not yet live
            at.run()
            seen[point] = (bool(at.exception), "snapshots:" in shown(at), "sources:" in shown(at))

    monkeypatch.setattr(build_module, "_test_hook", visit_during_build)
    build(live, sources=FIXTURES, force=True)
    tally.faults(1)
    assert seen == {"after_load": (False, True, False), "before_swap": (False, True, False)}
    at.run()
    assert not at.exception and not at.error
    assert "sources:" in shown(at) and "snapshots:" not in shown(at)


@pytest.mark.reliability("runtime")
def test_queries_under_way_in_other_sessions_survive_swaps(built_db, tmp_path, monkeypatch, tally):
    """Several sessions query while the warehouse is swapped: each query answers, old or new, never an error."""
    small = tmp_path / "small.duckdb"
    build(small, sources=FIXTURES)
    live = tmp_path / "gcm.duckdb"
    shutil.copy(built_db, live)
    monkeypatch.setenv("GCM_DB_PATH", str(live))
    sql = "SELECT count(*) AS n FROM fct_indicator_values JOIN dim_countries USING (country_iso3)"
    sizes = {int(db.query(sql)["n"][0])}
    errors: list[str] = []
    stop = threading.Event()

    def session():
        while not stop.is_set():
            try:
                sizes.add(int(db.query(sql)["n"][0]))
            except Exception as exc:  # noqa: BLE001 - any error here is what a reader would see
                errors.append(f"{type(exc).__name__}: {exc}")

    readers = [threading.Thread(target=session) for _ in range(3)]
    for r in readers:
        r.start()
    try:
        for i in range(6):
            src = small if i % 2 == 0 else built_db
            shutil.copy(src, tmp_path / "next.duckdb")
            os.replace(tmp_path / "next.duckdb", live)
            db.query("SELECT 1")  # this session notices the new build first
        tally.faults(6)
    finally:
        stop.set()
        for r in readers:
            r.join()
    assert errors == []
    final = int(db.query(sql)["n"][0])
    assert final == max(sizes) and len(sizes) == 2  # both builds were seen, and the last one is live


def run_build(db_path: Path, *args: str, env_extra: dict | None = None, preexec=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, GCM_DB_PATH=str(db_path), **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "etl", "build", "--force", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, preexec_fn=preexec)


def assert_failed_cleanly(proc, live: Path, before: str, *words: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for w in words:
        assert w in lines[0], lines[0]
    assert sha(live) == before, "the live warehouse changed"
    assert [p.name for p in live.parent.iterdir()] == [live.name], "a partial file was left behind"
    con = duckdb.connect(str(live), read_only=True)
    assert con.execute("SELECT count(*) FROM fct_indicator_values").fetchall()[0][0] > 0
    con.close()


@pytest.mark.reliability("runtime")
@pytest.mark.parametrize("point", ["after_load", "before_checkpoint"])
def test_a_full_disk_during_a_build_keeps_the_live_warehouse(built_db, tmp_path, tally, point):
    live = tmp_path / "w" / "gcm.duckdb"
    live.parent.mkdir()
    shutil.copy(built_db, live)
    before = sha(live)
    proc = run_build(live, env_extra={"GCM_ETL_FAIL_AT": point})
    tally.faults(1)
    assert_failed_cleanly(proc, live, before, "no space left on device", "live warehouse was kept")


@pytest.mark.reliability("runtime")
def test_a_real_write_limit_during_a_build_keeps_the_live_warehouse(built_db, tmp_path, tally):
    """Not a hook: the kernel refuses writes past 1 MiB (RLIMIT_FSIZE), as a full disk would, inside DuckDB."""
    live = tmp_path / "w" / "gcm.duckdb"
    live.parent.mkdir()
    shutil.copy(built_db, live)
    before = sha(live)

    def limit_writes():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))

    proc = run_build(live, env_extra={"PYTHONDONTWRITEBYTECODE": "1"}, preexec=limit_writes)
    tally.faults(1)
    assert_failed_cleanly(proc, live, before, "could not write the new warehouse", "live warehouse was kept")
    assert os.strerror(errno.EFBIG).lower() in proc.stderr.lower() or "too large" in proc.stderr.lower()
