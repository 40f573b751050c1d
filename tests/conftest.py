"""Shared fixtures: paths to the hand-written source fixtures, a fresh ledger, an empty submissions store."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from etl.ledger import Ledger

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


# The reliability suites' counting (a `reliability` marker and a `tally` fixture any test can use).
from tests.reliability.tally import (  # noqa: E402,F401
    pytest_collection_modifyitems, pytest_configure, pytest_runtest_makereport, pytest_sessionfinish, tally,
)
