"""The review page's upload of a form export: practices.ingest, comparing new rows with the fact
sheet's practices as the warehouse holds them (the app reads the warehouse, never the ETL's snapshots)."""
from __future__ import annotations

from pathlib import Path

from gcm.queries.practices import load_factsheet_practices
from practices.ingest import IngestResult
from practices.ingest import ingest as ingest_file
from practices.store import Store


def ingest(path: Path, store: Store | None = None, name: str | None = None) -> IngestResult:
    """Add a file's valid rows to the store as submissions waiting for review (see practices.ingest)."""
    return ingest_file(path, store, name, factsheet=load_factsheet_practices())
