"""Run the SQL models and data tests (dbt-duckdb, etl/transform) in-process on a new warehouse file. dbt's run
files go to a temporary folder, never into the repository, and it sends no usage statistics (dbt_project.yml)."""
from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

import duckdb

from common.errors import EtlError
from common.paths import ROOT

PROJECT = ROOT / "etl" / "transform"
_lock = threading.Lock()  # dbt reads its paths from the environment and is not thread-safe
# dbt's partial-parse state, kept between processes (git-ignored): a parse that finds it reparses only
# the files whose checksum changed (0.3 s instead of 4-12 s). Each process parses in a folder of its
# own and swaps its state in whole, so concurrent builds never read half a file.
PARSE_CACHE = ROOT / "build" / "dbt-parse"


def cli_args(tmp: str, keep_work: bool = False) -> list[str]:
    """dbt's options: run files in `tmp`; `keep_work` puts the staging and intermediate models in the
    warehouse file (for a test that reads them) instead of memory, which is decided when dbt parses."""
    # --no-write-json: nothing reads dbt's manifest.json and run_results.json, which cost a second to write.
    return ["--quiet", "--log-level", "none", "--log-level-file", "none", "--no-use-colors", "--no-write-json",
            "--project-dir", str(PROJECT), "--profiles-dir", str(PROJECT), "--target-path", str(Path(tmp) / "target"),
            "--log-path", str(Path(tmp) / "logs"), *(["--vars", '{"work_database": "warehouse"}'] if keep_work else [])]


@lru_cache(maxsize=None)
def manifest(keep_work: bool = False):
    """The dbt project (its nodes, sources and lineage), parsed once per process and `keep_work`."""
    from dbt.cli.main import dbtRunner  # imported late: it costs two seconds

    cached = PARSE_CACHE / ("keep-work" if keep_work else "build") / "partial_parse.msgpack"
    with _lock, tempfile.TemporaryDirectory(prefix="gcm-dbt-") as tmp:
        state = Path(tmp) / "target" / cached.name
        state.parent.mkdir()
        if cached.is_file():
            shutil.copyfile(cached, state)
        # Parsing renders the profile, whose paths are part of the state dbt compares: fixed ones.
        unused = str(PROJECT / "unused.duckdb")
        os.environ.update(GCM_DBT_DATABASE=unused, GCM_DBT_STAGED=unused)
        parsed = dbtRunner().invoke(["parse", *cli_args(tmp, keep_work)])
        if not parsed.success:
            raise EtlError(PROJECT, f"the SQL models do not parse ({parsed.exception})")
        with contextlib.suppress(OSError):  # a read-only checkout parses in full next time
            cached.parent.mkdir(parents=True, exist_ok=True)
            os.replace(shutil.copyfile(state, cached.with_name(f".{os.getpid()}.tmp")), cached)
    return parsed.result


class Staged:
    """What the models read (raw files, reference data, submissions) and the working models dbt adds, until the
    `with` block ends: a named in-memory database dbt opens by name, so nothing (a gigabyte at 100x) is written."""

    _serial = itertools.count()

    def __init__(self) -> None:
        self.name = f":memory:gcm-staged-{os.getpid()}-{next(self._serial)}"
        self.con = duckdb.connect(self.name)

    def __enter__(self) -> "Staged":
        return self

    def __exit__(self, *exc: object) -> None:
        self.con.close()


def run_models(database: Path, staged: Staged, command: str = "build", select: list[str] | None = None,
               keep_work: bool = False) -> list[str]:
    """`dbt build` (models, then their tests), `run` or `test` on `database`, reading `staged`; `select` as
    dbt's --select. Returns the warnings (tests of severity warn that found rows); raises EtlError naming
    every failed test or model, so the caller keeps the live warehouse."""
    from dbt.cli.main import dbtRunner

    parsed = manifest(keep_work)
    with _lock, tempfile.TemporaryDirectory(prefix="gcm-dbt-") as tmp:
        # The new warehouse and the staged database, where profiles.yml reads them.
        os.environ.update(GCM_DBT_DATABASE=str(database), GCM_DBT_STAGED=staged.name)
        try:
            _uncompiled(parsed)
            res = dbtRunner(manifest=parsed).invoke([command, *cli_args(tmp, keep_work),
                                                     *(["--select", *select] if select else [])])
        finally:
            _release_files(staged)
    if res.result is None:
        raise EtlError(database, f"the SQL models could not run ({res.exception})")
    failures, warnings = [], []
    for r in res.result.results:
        status = str(r.status)
        if status in ("error", "fail", "runtime error"):
            first_line = (r.message or "").partition("\n")[0][:200]  # a message may be empty
            rows = f": {r.failures} row(s) break it" if r.failures else f" ({first_line})"
            failures.append(_message(r) + rows)
        elif status == "warn":
            warnings.append(f"{_message(r)}: {r.failures}")
    if failures:
        raise EtlError(database, "validation failed, live warehouse kept: " + "; ".join(failures))
    if not res.success:
        raise EtlError(database, f"the SQL models failed ({res.exception})")
    return warnings


def _message(result) -> str:
    """A result's name in a report: a singular test's first comment line, else its description or name."""
    node = result.node
    first = (getattr(node, "raw_code", "") or "").lstrip().splitlines()[:1]
    if node.resource_type == "test" and first and first[0].startswith("--"):
        return first[0].lstrip("- ").strip()
    return getattr(node, "description", "") or node.name


def _uncompiled(parsed) -> None:
    """Forget what a previous run compiled: dbt marks a node whose staging CTEs it injected and
    would leave them out of the node's next compilation in this process. (A deep copy of the
    manifest instead breaks its ref lookups after a partial parse.)"""
    for node in parsed.nodes.values():
        if getattr(node, "extra_ctes_injected", False):
            node.extra_ctes_injected, node.extra_ctes, node.compiled, node.compiled_code = False, [], False, None


def _release_files(staged: Staged) -> None:
    """Close dbt-duckdb's connection and detach the new warehouse from the staged database: the build
    must open, checkpoint and swap the new warehouse (and a next build attach its own file)."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager as manager

    with manager._LOCK:
        if manager._ENV is not None:
            manager._ENV.close()
            manager._ENV = None
    staged.con.execute("DETACH DATABASE IF EXISTS warehouse")
