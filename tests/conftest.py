"""Shared fixtures: paths to the hand-written source fixtures, a fresh ledger, an empty submissions store."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.etl.harness import Ledger

FIXTURES = Path(__file__).parent / "etl" / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _empty_submissions_store(tmp_path_factory):
    """Tests never read or write the developer's data/submissions: the store starts empty in a temp folder."""
    os.environ["GCM_SUBMISSIONS"] = str(tmp_path_factory.mktemp("submissions"))
    yield


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh, empty submissions store that the app and the ETL both use for this test."""
    from practices.store import Store

    monkeypatch.setenv("GCM_SUBMISSIONS", str(tmp_path / "store"))
    return Store(tmp_path / "store")


@pytest.fixture
def ledger() -> Ledger:
    return Ledger()


@pytest.fixture
def fixtures() -> Path:
    """tests/etl/fixtures/, laid out like ../shared/data-sources (one folder per source)."""
    return FIXTURES


ROOT = Path(__file__).resolve().parent.parent
SHARED_SOURCES = ROOT.parent / "shared" / "data-sources"


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """A warehouse built once per session from the snapshots, in a temporary folder."""
    from etl.build import build

    db = tmp_path_factory.mktemp("warehouse") / "gcm.duckdb"
    build(db)
    return db


@pytest.fixture
def db_env(built_db, monkeypatch) -> Path:
    """Point the app's GCM_DB_PATH at the session warehouse."""
    monkeypatch.setenv("GCM_DB_PATH", str(built_db))
    return built_db


def missing_tool(what: str, package: str) -> None:
    """A program a test needs is not installed: CI must have it (fail), a developer may not (skip)."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed: .ci/run must install Debian's {package}")
    pytest.skip(f"{what} not installed (apt-get install {package}); CI runs these tests")


# A real PostgreSQL server (Debian's postgresql) on port 55432, data in a temporary folder.
PG_PORT = int(os.environ.get("GCM_TEST_PG_PORT", "55432"))


def _pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


def _as_postgres(args: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root (CI runs as root): run it as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def postgres_url():
    """Start a throwaway PostgreSQL cluster; yield a SQLAlchemy URL to a database in it."""
    bindir = _pg_bin()
    if bindir is None:
        missing_tool("postgresql", "postgresql")
    data = tempfile.mkdtemp(prefix="gcm-pg-")
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    subprocess.run(_as_postgres([f"{bindir}/initdb", "-D", data, "-U", "gcm", "--auth=trust", "-E", "UTF8"]),
                   check=True, capture_output=True)
    server = subprocess.Popen(_as_postgres([f"{bindir}/postgres", "-D", data, "-p", str(PG_PORT), "-k", data,
                                            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"postgresql+psycopg://gcm@127.0.0.1:{PG_PORT}/postgres"
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    for _ in range(100):
        try:
            with engine.connect():
                break
        except sa.exc.OperationalError:
            time.sleep(0.2)
    else:
        server.terminate()
        pytest.fail("postgres did not start")
    engine.dispose()
    yield url
    server.terminate()
    server.wait(timeout=30)
    shutil.rmtree(data, ignore_errors=True)



def fresh_postgres_database(server_url: str) -> str:
    """Create an empty database on the test server; its SQLAlchemy URL."""
    import uuid

    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


# The reliability suites' counting (a `reliability` marker and a `tally` fixture any test can use).
from tests.reliability.tally import (  # noqa: E402,F401
    pytest_collection_modifyitems, pytest_configure, pytest_runtest_makereport, pytest_sessionfinish, tally,
)
