"""The store's tests run on SQLite and on a real PostgreSQL server (tests/conftest.py's postgres_url)."""
from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    """An empty store on SQLite, then on PostgreSQL (a fresh database each time)."""
    from practices.store import Store
    from tests.conftest import fresh_postgres_database

    if request.param == "sqlite":
        return Store(tmp_path / "store")
    return Store(url=fresh_postgres_database(request.getfixturevalue("postgres_url")))
