"""Read-only access to the live warehouse, reopened when a rebuild swaps in a new file.

DuckDB caches one database instance per path inside a process, so after `os.replace` a new
connection to the same path could still see the old file. We key the connection on the file's
inode and modification time and close the old one before opening the new.
"""
from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pandas as pd

from gcm.paths import db_path


class WarehouseUnavailable(RuntimeError):
    """The warehouse file is missing, unreadable or not a warehouse this app understands."""


_lock = threading.Lock()
_state: dict[str, object] = {"key": None, "con": None}


def build_key(path: Path | None = None) -> str:
    """Identifies the current build of the warehouse: changes whenever a rebuild swaps the file."""
    path = path or db_path()
    try:
        st = path.stat()
    except FileNotFoundError:
        raise WarehouseUnavailable(f"No warehouse at {path}. Build it with: python -m etl build") from None
    return f"{path}:{st.st_ino}:{st.st_mtime_ns}"


def _connection() -> duckdb.DuckDBPyConnection:
    path = db_path()
    key = build_key(path)
    with _lock:
        if _state["key"] != key:
            old = _state["con"]
            if old is not None:
                old.close()
            _state["con"], _state["key"] = None, None
            try:
                _state["con"] = duckdb.connect(str(path), read_only=True)
            except duckdb.Error as exc:
                raise WarehouseUnavailable(
                    f"The warehouse at {path} cannot be opened ({type(exc).__name__}). "
                    "Rebuild it with: python -m etl build --force"
                ) from None
            _state["key"] = key
        return _state["con"]  # type: ignore[return-value]


def query(sql: str, params: list | tuple = ()) -> pd.DataFrame:
    """Run a parameterised query on the live warehouse and return a DataFrame."""
    cur = _connection().cursor()
    try:
        return cur.execute(sql, list(params)).df()
    except duckdb.CatalogException as exc:
        raise WarehouseUnavailable(
            f"The warehouse lacks a table this version needs ({exc}). Rebuild it with: python -m etl build --force"
        ) from None
    finally:
        cur.close()
