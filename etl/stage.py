"""Staging: run the adapters on raw sources (the snapshots, or a folder laid out like them)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from etl import duck, schema
from etl.adapters import adapters
from etl.adapters import practices_factsheet
from etl.land import sql_sources
from etl.ledger import EtlError, Ledger

# Sort keys make the staged tables identical from one run to the next.
SORT_KEYS = {
    "values": ["indicator_code", "country_iso3", "year"],
    "breakdowns": ["indicator_code", "country_iso3", "year", "dimension", "category", "sex", "age"],
    "flows": ["flow_code", "reporting_iso3", "nationality_code", "period_start"],
    "incidents": ["incident_date", "incident_id"],
    "mmp_regional": ["year", "region_of_incident"],
    "treaties": ["treaty_code", "country_iso3"],
    "shapes": ["shape_code"],
    "practices": ["practice_id"],
    "practice_objectives": ["practice_id", "objective_id"],
    "practice_countries": ["practice_id", "country_iso3", "role"],
    "gcm_endorsement": ["country_iso3"],
}


@dataclass
class Staged:
    """Everything a build loads: staged tables, quarantined rows and per-file counts."""

    tables: dict[str, pd.DataFrame]
    quarantine: pd.DataFrame
    file_stats: pd.DataFrame
    origin: str


def practices_folder(sources: Path) -> Path:
    """The practices fact sheet beside a sources folder (../shared layout) or inside it (fixtures)."""
    for candidate in (sources / "practices-factsheet", sources.parent / "practices-factsheet"):
        if candidate.is_dir():
            return candidate
    raise EtlError(sources.parent / "practices-factsheet", "folder not found (the practices fact sheet)")


def all_sources() -> list:
    """Every source the ETL reads: Python adapters, sources checked by SQL models, the fact sheet."""
    return adapters() + list(sql_sources()) + [practices_factsheet]


def wanted_files() -> dict[str, list[str]]:
    """The raw files the ETL reads, by source folder."""
    return {mod.SOURCE: list(mod.FILES) for mod in all_sources()}


def source_inputs(sources: Path) -> dict[str, Path]:
    """The raw files a build from `sources` reads, keyed by 'folder/file'."""
    if not sources.is_dir():
        raise EtlError(sources, "sources folder not found")
    files: dict[str, Path] = {}
    for mod in adapters() + list(sql_sources()):
        for name in mod.FILES:
            files[f"{mod.SOURCE}/{name}"] = sources / mod.SOURCE / name
    pf = practices_folder(sources)
    for name in practices_factsheet.FILES:
        files[f"{practices_factsheet.SOURCE}/{name}"] = pf / name
    return files


def _concat(name: str, frames: list[pd.DataFrame], sort: bool = True) -> pd.DataFrame:
    frames = [schema.conform(name, f) for f in frames if f is not None and len(f)]
    if not frames:
        return schema.empty(name)
    out = pd.concat(frames, ignore_index=True)
    return out.take(_sort_order(out, SORT_KEYS[name])).reset_index(drop=True) if sort else out


def _sort_order(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Positions that sort `frame` by `keys` as sort_values(kind="stable", na_position="first") does.

    DuckDB sorts in parallel; pandas' sort over several text keys took seconds at 100x. Text sorts by
    code point in both (UTF-8 bytes in DuckDB), and the position breaks ties, as a stable sort does.
    """
    table = pa.Table.from_pandas(frame[keys], preserve_index=False).rename_columns([f"k{i}" for i in range(len(keys))])
    table = table.append_column("pos", pa.array(np.arange(len(frame), dtype=np.int64)))
    con = duck.cursor()
    try:
        con.register("sort_keys", table)
        order = ", ".join(f"k{i} ASC NULLS FIRST" for i in range(len(keys)))
        return con.sql(f"SELECT pos FROM sort_keys ORDER BY {order}, pos").to_arrow_table().column("pos").to_numpy()
    finally:
        con.close()


ADAPTER_THREADS = 2


# Work per row beyond its bytes (lookups, checks), in bytes of text: fitted on the 100x build, where
# files of short rows (UNHCR: 4.4 M rows in 118 MB) took longer than files of long ones (GLOTIP:
# 0.8 M rows in 120 MB).
ROW_COST_BYTES = 25


def _input_cost(path: Path) -> float:
    """A file's expected share of the staging work: its bytes, plus ROW_COST_BYTES per row, the rows
    estimated from the length of the lines in its first 64 KB. 0 for a file that cannot be read."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return 0.0
    lines = head.count(b"\n")
    return size + (ROW_COST_BYTES * size * lines / len(head) if head else 0.0)


def _run_adapters(runs: list, inputs: dict[str, Path]) -> list[tuple[dict[str, pd.DataFrame], Ledger]]:
    """Each adapter's tables and ledger, in the order of `runs`; two adapters run at a time.

    Adapters are independent (their own files, ledger and DuckDB cursor) and much of their time is
    spent in DuckDB, Arrow and pandas code that releases the GIL, so a second thread uses the core
    a single adapter leaves idle. The costliest inputs start first (see `_input_cost`). The result
    does not depend on timing, and the first failure in `runs` order is the one raised, as when
    they ran one by one.
    """
    def cost(mod) -> float:
        return sum(_input_cost(p) for key, p in inputs.items() if key.startswith(f"{mod.SOURCE}/"))

    def run(mod, folder: Path) -> tuple[dict[str, pd.DataFrame], Ledger]:
        own = Ledger()
        return mod.run(folder, own), own

    pool = ThreadPoolExecutor(max_workers=ADAPTER_THREADS, thread_name_prefix="adapter")
    try:
        futures = {id(mod): pool.submit(run, mod, folder) for mod, folder in sorted(runs, key=lambda r: -cost(r[0]))}
        return [futures[id(mod)].result() for mod, _ in runs]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def stage_sources(sources: Path, sort: bool = True) -> Staged:
    """Run every adapter on raw files laid out like ../shared/data-sources.

    The tables come sorted by SORT_KEYS; a build, whose SQL
    sorts every table by the same keys as it creates it, passes sort=False (a second sort of a
    million rows cost most of a second at 100x) and gets the same rows in the adapters' order.
    """
    inputs = source_inputs(sources)  # fails early, with one clear line, if a folder or file is missing
    collected: dict[str, list[pd.DataFrame]] = {name: [] for name in schema.STAGED}
    runs = [(mod, sources / mod.SOURCE) for mod in adapters()]
    runs.append((practices_factsheet, practices_folder(sources)))
    ledger = Ledger()
    for out, own in _run_adapters(runs, inputs):
        ledger.absorb(own)
        for name, frame in out.items():
            collected[name].append(frame)
    bad = ledger.unbalanced()
    if bad:
        st = bad[0]
        raise EtlError(
            f"{st.source}/{st.file}",
            f"row accounting does not add up: read {st.read} != loaded {st.loaded} + quarantined "
            f"{st.quarantined_total} + duplicates {st.duplicates} + outside the scope {st.out_of_scope_total}",
        )
    tables = {name: _concat(name, frames, sort) for name, frames in collected.items()}
    return Staged(tables, ledger.quarantine_frame(), ledger.stats_frame(), f"sources: {sources}")


def add_submissions(staged: Staged, store) -> Staged:
    """Add the submissions store: its practices in every review state, and the ingest rows it refused.

    Contact details stay in the store (practice_frames drops them). The refused rows were counted
    when they were ingested; here they join the warehouse's quarantine table, under the file they
    came from, so one table lists every row any input lost.
    """
    from etl.ingest_practices import SOURCE as SUBMISSIONS_SOURCE
    from gcm.practice_store import practice_frames  # the store's format is the app's; one reader for both

    ledger = Ledger()
    subs = store.submissions()
    ledger.read(SUBMISSIONS_SOURCE, "store", len(subs))
    ledger.loaded(SUBMISSIONS_SOURCE, "store", len(subs))
    for row in store.quarantined():
        file = str(row.get("file") or "(unknown file)")
        raw = {str(k): "" if v is None else str(v) for k, v in (row.get("raw") or {}).items()}
        frame = pd.DataFrame([{**raw, "_line": row.get("line")}])
        ledger.read(SUBMISSIONS_SOURCE, file, 1)
        ledger.quarantine(SUBMISSIONS_SOURCE, file, frame, "; ".join(row.get("reasons") or ["refused"]))
    tables = dict(staged.tables)
    for name, frame in practice_frames(subs).items():
        tables[name] = _concat(name, [tables[name], frame])
    refused = ledger.quarantine_frame()
    # Concatenating copies millions of quarantined rows: only when the store refused any.
    quarantine = pd.concat([staged.quarantine, refused], ignore_index=True) if len(refused) else staged.quarantine
    stats = pd.concat([staged.file_stats, ledger.stats_frame()], ignore_index=True)
    return Staged(tables, quarantine, stats, staged.origin)
