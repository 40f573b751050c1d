"""A real PostgreSQL server for the store's tests (Debian's postgresql; port 55432, data in a temp folder)."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time

import pytest

PORT = int(os.environ.get("GCM_TEST_PG_PORT", "55432"))


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
        if os.environ.get("CI"):
            pytest.fail("postgresql is not installed: .ci/run must install Debian's postgresql")
        pytest.skip("postgresql not installed (apt-get install postgresql)")
    data = tempfile.mkdtemp(prefix="gcm-pg-")
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    subprocess.run(_as_postgres([f"{bindir}/initdb", "-D", data, "-U", "gcm", "--auth=trust", "-E", "UTF8"]),
                   check=True, capture_output=True)
    server = subprocess.Popen(_as_postgres([f"{bindir}/postgres", "-D", data, "-p", str(PORT), "-k", data,
                                            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"postgresql+psycopg://gcm@127.0.0.1:{PORT}/postgres"
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
