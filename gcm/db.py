"""Read-only access to the live warehouse, reopened when a rebuild swaps in a new file.

Each build of the warehouse gets its own in-memory DuckDB instance with the file ATTACHed
read-only. DuckDB caches one database instance per path inside a process, so plain
`duckdb.connect(path)` after `os.replace` could still see the old file unless every connection
to it were closed first, and closing it would break a query another session is running at that
moment. ATTACH bypasses that cache: the old instance stays alive for queries already under way
(on the old inode, so they finish on the old data) and is freed when the last one lets go.

Before a build is used it is checked: a file that is not a warehouse, a warehouse of another
schema version, or one that lacks a table the app needs raises WarehouseUnavailable with a
`kind` the pages turn into a message in the reader's language, with the command that fixes it.
"""
from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pandas as pd

from common.paths import db_path
from common.warehouse import SCHEMA_VERSION  # noqa: F401 - tests and pages read it here too

# Bumped whenever the warehouse's tables change in a way this code depends on; etl/build.py
# stamps it into etl_runs.schema_version, and a warehouse with another number is rebuilt.
# Tables every page relies on; a warehouse missing one of them is refused as a whole, up front.
REQUIRED_TABLES = frozenset({
    "dim_countries", "dim_objectives", "dim_indicators", "dim_peer_groups", "dim_sources",
    "fct_indicator_values", "fct_incidents", "geo_shapes", "practices", "quarantine",
    "etl_file_stats", "etl_runs", "dim_caveats", "dim_value_flags",
})
REBUILD = "python -m etl build --force"


class WarehouseUnavailable(RuntimeError):
    """The warehouse file is missing, unreadable or not a warehouse this app understands.

    `kind` is one of missing, corrupt, old_schema, incomplete; `detail` says more (a version, a table).
    """

    def __init__(self, kind: str, path: Path, detail: str = ""):
        # The page shows the file's name only: a server's folders are nobody's business.
        detail = detail.replace(str(path), Path(path).name)
        self.kind, self.path, self.detail = kind, str(path), detail
        what = {
            "missing": "No warehouse at {path}.",
            "corrupt": "The file at {path} is not a readable warehouse ({detail}).",
            "old_schema": "The warehouse at {path} was built by another version of the dashboard ({detail}).",
            "incomplete": "The warehouse at {path} lacks data this version needs ({detail}).",
        }[kind].format(path=path, detail=detail)
        super().__init__(f"{what} Rebuild it with: {REBUILD}")


_lock = threading.Lock()
_state: dict[str, object] = {"key": None, "con": None}


def build_key(path: Path | None = None) -> str:
    """Identifies the current build of the warehouse: changes whenever a rebuild swaps the file."""
    path = path or db_path()
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise WarehouseUnavailable("missing", path) from None
    except OSError as exc:
        raise WarehouseUnavailable("corrupt", path, exc.strerror or type(exc).__name__) from None
    return f"{path}:{st.st_ino}:{st.st_mtime_ns}"


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    """A new in-memory instance with the warehouse attached read-only as `w`, checked before use."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{str(path).replace(chr(39), chr(39) * 2)}' AS w (READ_ONLY)")
        con.execute("USE w")
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'w'").fetchall()}
        versions = con.execute("SELECT schema_version FROM etl_runs WHERE is_current").fetchall() \
            if "etl_runs" in tables else []
    except duckdb.Error as exc:
        con.close()
        raise WarehouseUnavailable("corrupt", path, str(exc).splitlines()[0][:200]) from None
    if not versions:
        con.close()
        raise WarehouseUnavailable("old_schema", path, f"no build record; this version needs schema {SCHEMA_VERSION}")
    if versions[0][0] != SCHEMA_VERSION:
        con.close()
        raise WarehouseUnavailable("old_schema", path, f"schema {versions[0][0]}, this version needs {SCHEMA_VERSION}")
    missing = sorted(REQUIRED_TABLES - tables)
    if missing:
        con.close()
        raise WarehouseUnavailable("incomplete", path, "missing table " + ", ".join(missing))
    return con


def _connection() -> duckdb.DuckDBPyConnection:
    path = db_path()
    key = build_key(path)
    with _lock:
        if _state["key"] != key:
            # The old instance is not closed: a query another session runs on it right now must
            # finish. Dropping our reference frees it once the last cursor on it is gone.
            _state["con"], _state["key"] = None, None
            _state["con"] = _open(path)
            _state["key"] = key
        return _state["con"]  # type: ignore[return-value]


def query(sql: str, params: list | tuple = ()) -> pd.DataFrame:
    """Run a parameterised query on the live warehouse and return a DataFrame."""
    cur = _connection().cursor()
    try:
        cur.execute("USE w")  # the default database is per connection, and a cursor is a new one
        return cur.execute(sql, list(params)).df()
    except duckdb.CatalogException as exc:
        raise WarehouseUnavailable("incomplete", db_path(), str(exc).splitlines()[0][:200]) from None
    except (duckdb.IOException, duckdb.InternalException, duckdb.SerializationException) as exc:
        # A damaged page deep in the file shows only when read.
        raise WarehouseUnavailable("corrupt", db_path(), str(exc).splitlines()[0][:200]) from None
    finally:
        cur.close()
