"""Every path the project uses, in one place; imports nothing from the project."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
SHARED_DIR = ROOT.parent / "shared"
SHARED_SOURCES = SHARED_DIR / "data-sources"
SHARED_PRACTICES = SHARED_DIR / "practices-factsheet"


def db_path() -> Path:
    """The live warehouse: data/gcm.duckdb unless GCM_DB_PATH names another file."""
    override = os.environ.get("GCM_DB_PATH", "").strip()
    # An absolute path, not a resolved one: resolving walks the file system, and each rerun asks a
    # dozen times; a symlink swapped to a new build is then followed too (the build key stats it).
    return Path(os.path.abspath(os.path.expanduser(override))) if override else DATA_DIR / "gcm.duckdb"


def submissions_dir() -> Path:
    """The practice submissions store: data/submissions unless GCM_SUBMISSIONS names another folder.

    It lives outside the warehouse so that rebuilds never touch what people submitted.
    """
    override = os.environ.get("GCM_SUBMISSIONS", "").strip()
    return Path(override).expanduser().resolve() if override else DATA_DIR / "submissions"


def snapshots_dir() -> Path:
    """The raw files the ETL reads, with a manifest per source: data/snapshots unless GCM_SNAPSHOTS names another."""
    override = os.environ.get("GCM_SNAPSHOTS", "").strip()
    return Path(os.path.abspath(os.path.expanduser(override))) if override else DATA_DIR / "snapshots"
