"""Staging in Python: the source that needs it (map polygons, simplified with shapely) and the
submissions store. Every other source is checked by the SQL models (etl/land.py, etl/transform)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl import schema
from etl.adapters import natural_earth_boundaries
from etl.land import source_folder, sql_sources
from etl.ledger import EtlError, Ledger

ADAPTERS = [natural_earth_boundaries]
# Sort keys make the staged tables identical from one run to the next.
SORT_KEYS = {
    "shapes": ["shape_code"],
    "practices": ["practice_id"],
    "practice_objectives": ["practice_id", "objective_id"],
    "practice_countries": ["practice_id", "country_iso3", "role"],
}


@dataclass
class Staged:
    """What the Python side hands to the models: staged tables, quarantined rows and per-file counts."""

    tables: dict[str, pd.DataFrame]
    quarantine: pd.DataFrame
    file_stats: pd.DataFrame
    origin: str


def all_sources() -> list:
    """Every source the ETL reads: sources checked by SQL models, then the Python ones."""
    return list(sql_sources()) + ADAPTERS


def wanted_files() -> dict[str, list[str]]:
    """The raw files the ETL reads, by source folder."""
    return {mod.SOURCE: list(mod.FILES) for mod in all_sources()}


def source_inputs(sources: Path) -> dict[str, Path]:
    """The raw files a build from `sources` reads, keyed by 'folder/file'."""
    if not sources.is_dir():
        raise EtlError(sources, "sources folder not found")
    return {f"{mod.SOURCE}/{name}": source_folder(sources, mod.SOURCE) / name for mod in all_sources() for name in mod.FILES}


def _concat(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [schema.conform(name, f) for f in frames if f is not None and len(f)]
    if not frames:
        return schema.empty(name)
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(SORT_KEYS[name], kind="stable", na_position="first").reset_index(drop=True)


def stage_sources(sources: Path) -> Staged:
    """Run the Python adapters on raw files laid out like data/snapshots."""
    source_inputs(sources)  # fails early, with one clear line, if a folder is missing
    collected: dict[str, list[pd.DataFrame]] = {name: [] for name in schema.STAGED}
    ledger = Ledger()
    for mod in ADAPTERS:
        for name, frame in mod.run(source_folder(sources, mod.SOURCE), ledger).items():
            collected[name].append(frame)
    bad = ledger.unbalanced()
    if bad:
        st = bad[0]
        raise EtlError(
            f"{st.source}/{st.file}",
            f"row accounting does not add up: read {st.read} != loaded {st.loaded} + quarantined "
            f"{st.quarantined_total} + duplicates {st.duplicates} + outside the scope {st.out_of_scope_total}",
        )
    tables = {name: _concat(name, frames) for name, frames in collected.items()}
    return Staged(tables, ledger.quarantine_frame(), ledger.stats_frame(), f"sources: {sources}")


def add_submissions(staged: Staged, store) -> Staged:
    """Add the submissions store's published practices, and a count of the ingest rows it refused.

    Nothing unreviewed and nothing private reaches the warehouse: only published submissions (their
    public fields, practice_frames), and of each refused row only its line and its public reasons
    (a field and a problem, never a value; the values stay in the store, for reviewers). The refused
    rows join the warehouse's quarantine table under the file they came from, so one table counts
    every row any input lost.
    """
    from practices.ingest import SOURCE as SUBMISSIONS_SOURCE
    from practices.store import practice_frames  # one reader of the store for the app and the build

    ledger = Ledger()
    subs = store.submissions()
    published = [s for s in subs if s.state == "published"]
    ledger.read(SUBMISSIONS_SOURCE, "store", len(subs))
    ledger.loaded(SUBMISSIONS_SOURCE, "store", len(published))
    ledger.set_aside(SUBMISSIONS_SOURCE, "store", {"not published (yet)": len(subs) - len(published)}
                     if len(subs) > len(published) else {})
    for row in store.quarantined():
        file = str(row.get("file") or "(unknown file)")
        ledger.read(SUBMISSIONS_SOURCE, file, 1)
        ledger.quarantine(SUBMISSIONS_SOURCE, file, pd.DataFrame([{"_line": row.get("line")}]),
                          "; ".join(row.get("public_reasons") or ["refused"]))
    subs = published
    tables = dict(staged.tables)
    for name, frame in practice_frames(subs).items():
        tables[name] = _concat(name, [tables[name], frame])
    quarantine = pd.concat([staged.quarantine, ledger.quarantine_frame()], ignore_index=True)
    stats = pd.concat([staged.file_stats, ledger.stats_frame()], ignore_index=True)
    return Staged(tables, quarantine, stats, staged.origin)
