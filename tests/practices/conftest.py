"""The store's tests run on SQLite and on a real PostgreSQL server (tests/conftest.py's postgres_url)."""
from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path, monkeypatch):
    """An empty store on SQLite, then on PostgreSQL (a fresh database each time)."""
    import uuid

    import sqlalchemy as sa

    from practices.store import Store

    if request.param == "sqlite":
        return Store(tmp_path / "store")
    base = request.getfixturevalue("postgres_url")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return Store(url=base.rsplit("/", 1)[0] + f"/{name}")
