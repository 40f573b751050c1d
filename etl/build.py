"""Build the warehouse: land the raw files, reference data and published practice submissions, run the SQL
models and their data tests (dbt) into a new file `<db>.building-<pid>`, CHECKPOINT it and `os.replace` it
over the live file, which is never opened for writing: a build that fails or is killed at any moment leaves
the last good warehouse readable and unchanged."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pycountry

from common.countries import LANGUAGES, display_name, reference, usual_names
from common.errors import EtlError
from common.paths import REFERENCE_DIR, ROOT, snapshots_dir
from common.warehouse import SCHEMA_VERSION
from etl import snapshots
from etl.land import land, source_inputs, sql_sources
from etl.models import Staged, run_models
from practices import ingest as submissions
from practices.store import Store, practice_frames

RUN_HISTORY = 100
# Besides its input files, what a build's tables depend on: a change to any of these is a change of inputs.
CODE = ("etl/**/*.py", "etl/transform/**/*.sql", "etl/transform/**/*.yml", "data/reference/*.csv", "common/*.py",
        "practices/*.py")


@dataclass
class BuildResult:
    """What a build did, for the summary the CLI prints and the tests."""

    built: bool
    origin: str
    seconds: float = 0.0
    file_stats: pd.DataFrame | None = None
    table_rows: dict[str, int] = field(default_factory=dict)
    message: str = ""
    warnings: list[str] = field(default_factory=list)


def _test_hook(point: str) -> None:
    """Let tests kill the build (GCM_ETL_KILL_AT=point) or fail it as a full disk would (GCM_ETL_FAIL_AT)."""
    if os.environ.get("GCM_ETL_KILL_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get("GCM_ETL_FAIL_AT") == point:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def inputs_digest(inputs: dict[str, Path], store: Store) -> tuple[str, dict[str, str]]:
    """A checksum per input file, and one digest over them, the submissions and the code (CODE)."""
    checksums = {key: snapshots.sha256_file(path) for key, path in sorted(inputs.items())}
    code = hashlib.sha256()
    for path in (p for pattern in CODE for p in sorted(ROOT.glob(pattern))):
        code.update(str(path.relative_to(ROOT)).encode())
        code.update(path.read_bytes())
    checksums["(etl code, SQL and reference data)"] = code.hexdigest()
    checksums["(practice submissions)"] = store.fingerprint()
    return hashlib.sha256(json.dumps(checksums, sort_keys=True).encode()).hexdigest(), checksums


def _live_runs(db: Path) -> tuple[str | None, pd.DataFrame | None]:
    """The live warehouse's inputs digest and its last runs (kept as history), or Nones if there is no
    readable warehouse. One of another schema version has no digest: it is rebuilt even if nothing changed."""
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            runs = con.execute("SELECT * EXCLUDE (is_current), false AS is_current FROM etl_runs "
                               f"ORDER BY started_at DESC LIMIT {RUN_HISTORY - 1}").df()
            digest = con.execute("SELECT max_by(inputs_digest, started_at) FROM etl_runs "
                                 "WHERE is_current AND schema_version = ?", [SCHEMA_VERSION]).fetchall()[0][0]
        return digest, runs
    except duckdb.Error:
        return None, None


def _land_all(con: duckdb.DuckDBPyConnection, sources: Path) -> None:
    """Land what the models read: every reference CSV as table ref_<name> (as dbt seeds are), the tables made
    from them (the countries with pycountry's codes and names, every categories_<kind>.csv, the sources), and
    the raw files. A country's es/pt name is the usual official form countries.csv gives, else pycountry's."""
    tables = {f"ref_{f.stem}": reference(f.stem) for f in sorted(REFERENCE_DIR.glob("*.csv"))}
    countries = tables["ref_countries"]
    found = [pycountry.countries.get(alpha_3=c) for c in countries["country_iso3"]]
    names = {f"name_{lang}": [usual_names(lang).get(c.alpha_3) or display_name(c.alpha_3, lang) for c in found]
             for lang in LANGUAGES}
    tables["ref_countries"] = countries[["country_iso3", "subregion_code"]].assign(
        **names, iso2=[c.alpha_2 for c in found], m49=[c.numeric for c in found],
        in_lac33=countries["in_lac33"] == "true")
    tables["ref_categories"] = pd.concat([frame.assign(kind=name.removeprefix("ref_categories_"))
                                          for name, frame in tables.items() if name.startswith("ref_categories_")])
    catalogue = [(s.folder, s.title, s.licence, ", ".join(f.file for f in s.files)) for s in sql_sources()]
    catalogue.append((submissions.SOURCE, submissions.TITLE, submissions.LICENCE, ", ".join(submissions.FILES)))
    tables["ref_sources"] = pd.DataFrame(catalogue, columns=["source_folder", "title", "licence", "files_read"])
    for name, frame in tables.items():
        con.from_arrow(pa.Table.from_pandas(frame, preserve_index=False)).create(name)
    land(con, sources)


def _stage_submissions(con: duckdb.DuckDBPyConnection, store: Store) -> None:
    """Add the store's published practices and its rows' ledger to what the models read. Nothing unreviewed or
    private reaches the warehouse: only published submissions' public fields, as JSON records the models type,
    and of each ingest row the store refused its line and public reasons (never a value: those stay in the store
    for reviewers), quarantined under its file so that one table counts every row lost."""
    subs = store.submissions()
    ledger = [(submissions.SOURCE, "store", None, "", None, None if s.state == "published" else "not published (yet)",
               "loaded" if s.state == "published" else "outside") for s in subs]
    refused = [(submissions.SOURCE, str(row.get("file") or "(unknown file)"), row.get("line"), "", "{}",
                "; ".join(row.get("public_reasons") or ["refused"]), "quarantined") for row in store.quarantined()]
    files = {"store": len(subs)} | dict(Counter(row[1] for row in refused))
    frames = practice_frames([s for s in subs if s.state == "published"])
    records = [(kind, json.dumps(rec, default=str)) for kind, frame in frames.items()
               for rec in frame.astype(object).where(frame.notna(), None).to_dict("records")]
    con.execute("CREATE TABLE submissions_ledger (source VARCHAR, source_file VARCHAR, line BIGINT, "
                "record_key VARCHAR, raw_values VARCHAR, reason VARCHAR, status VARCHAR)")
    con.execute("CREATE TABLE submitted (kind VARCHAR, record JSON)")
    for table, rows in (("submissions_ledger", ledger + refused), ("submitted", records),
                        ("raw_files", [(submissions.SOURCE, f, n) for f, n in files.items()])):
        if rows:  # executemany refuses an empty list
            con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)


def _record_run(con: duckdb.DuckDBPyConnection, file_stats: pd.DataFrame, origin: str, started: datetime,
                digest: str, checksums: dict[str, str], previous_runs: pd.DataFrame | None) -> dict[str, int]:
    """Count every table the models made and add this run to etl_runs, after the history kept."""
    tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name").fetchall()
    counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for (t,) in tables}
    con.execute("CREATE TABLE etl_runs (run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, "
                "duration_s DOUBLE, origin VARCHAR, schema_version INTEGER, inputs_digest VARCHAR, "
                "input_checksums JSON, rows_per_table JSON, file_stats JSON, is_current BOOLEAN)")
    if previous_runs is not None:
        con.execute("INSERT INTO etl_runs BY NAME SELECT * FROM previous_runs")  # the DataFrame, by its name
    finished = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute("INSERT INTO etl_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)",
                [f"{digest[:12]}-{started:%Y%m%dT%H%M%S}", started, finished, (finished - started).total_seconds(),
                 origin, SCHEMA_VERSION, digest, json.dumps(checksums, sort_keys=True),
                 json.dumps(counts, sort_keys=True), file_stats.to_json(orient="records")])
    return counts


def build(db: Path, sources: Path | None = None, force: bool = False) -> BuildResult:
    """Build the warehouse at `db` from raw `sources` or, without them, from the snapshots in data/snapshots
    (whose files must also match their manifests' checksums): both go through the same landing."""
    t0 = time.perf_counter()
    started = datetime.now(timezone.utc).replace(tzinfo=None)
    from_snapshots = sources is None
    sources = snapshots_dir() if from_snapshots else sources
    inputs = source_inputs(sources)
    # Inside the project, the folder is named from its root: the Sources page shows it to the public.
    shown = sources.resolve().relative_to(ROOT) if sources.resolve().is_relative_to(ROOT) else sources
    origin = f"{'snapshots' if from_snapshots else 'sources'}: {shown}"
    store = Store()

    def checked_digest() -> tuple[str, dict[str, str]]:
        digest, checksums = inputs_digest(inputs, store)
        if from_snapshots:
            snapshots.verify(sources, checksums)
        return digest, checksums

    live, previous = _live_runs(db)
    if not force:
        digest, checksums = checked_digest()
        if live == digest:
            return BuildResult(False, origin, time.perf_counter() - t0,
                               message="inputs unchanged since the last build; nothing to do (use --force to rebuild)")
    tmp = db.with_name(f"{db.name}.building-{os.getpid()}")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temp_files(db)
        with Staged() as staged, ThreadPoolExecutor(max_workers=1) as pool:
            # With --force there is no digest to compare first: the inputs (a gigabyte at 100x;
            # hashlib releases the GIL) are hashed while they land.
            hashing = pool.submit(checked_digest) if force else None
            try:
                _land_all(staged.con, sources)
            finally:
                if hashing is not None:  # a file the hashing cannot read is reported first, as without --force
                    digest, checksums = hashing.result()
            _stage_submissions(staged.con, store)
            _test_hook("after_stage")
            soft = run_models(tmp, staged)
        _test_hook("after_load")
        with duckdb.connect(str(tmp)) as con:
            con.execute("DROP SCHEMA IF EXISTS build CASCADE")  # the models' working tables
            file_stats = con.execute("SELECT * FROM etl_file_stats").df()
            counts = _record_run(con, file_stats, origin, started, digest, checksums, previous)
            _test_hook("before_checkpoint")
            con.execute("CHECKPOINT")
        _test_hook("before_swap")
        os.replace(tmp, db)
    except BaseException as exc:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, (duckdb.Error, OSError)):  # a full disk, a read-only folder, a DuckDB I/O error…
            why = (os.strerror(exc.errno).lower() if isinstance(exc, OSError) and exc.errno is not None
                   else f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}")
            raise EtlError(db, f"could not write the new warehouse ({why}); the live warehouse was kept") from None
        raise
    return BuildResult(True, origin, time.perf_counter() - t0, file_stats, counts, warnings=soft)


def _remove_stale_temp_files(db: Path) -> None:
    """Remove the files of killed builds: `<db>.building-<pid>[.wal]` whose process is gone."""
    for leftover in db.parent.glob(f"{db.name}.building-*"):
        try:
            os.kill(int(leftover.name.rsplit("-", 1)[-1].split(".")[0]), 0)
        except ProcessLookupError:
            leftover.unlink(missing_ok=True)
        except (ValueError, PermissionError):
            pass  # not a process id, or another user's running build
