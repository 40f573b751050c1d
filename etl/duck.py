"""One in-memory DuckDB instance per process for the readers and the ledger (starting one costs more
than reading a small file), handed out as a cursor per use so threads never share a connection."""
from __future__ import annotations

import threading

import duckdb

_lock = threading.Lock()
_instance: duckdb.DuckDBPyConnection | None = None


def cursor() -> duckdb.DuckDBPyConnection:
    """A new connection to the process's scratch in-memory database; close it after use."""
    global _instance
    with _lock:
        if _instance is None:
            _instance = duckdb.connect(":memory:")
        return _instance.cursor()
