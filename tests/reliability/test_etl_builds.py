"""Whole builds (`python -m etl build --sources`) on bad files, over a good warehouse built from the fixtures."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from common.paths import ROOT
from tests.reliability.corpus import FIXTURES, HOSTILE_TEXT, bad_copy, sources

BY_ID = {s.id: s for s in sources()}
# Bad files the build must refuse in one line, keeping the warehouse it had.
REFUSED = [("us-tip-tiers", "empty"), ("unodc-glotip", "stray_quote"), ("world-bank-wdi", "first_column_missing"),
           ("natural-earth-boundaries", "truncated")]
# Bad files the build must load, quarantining what is wrong, with every row accounted for in the warehouse.
LOADED = [("unhcr-displacement", "conflicting_duplicates"), ("practices-factsheet", "hostile_free_text"),
          ("missing-migrants", "very_long_line")]


@pytest.fixture(scope="module")
def good_warehouse(tmp_path_factory) -> Path:
    """A warehouse built from the valid fixtures."""
    path = tmp_path_factory.mktemp("good") / "gcm.duckdb"
    build(path, sources=FIXTURES)
    return path


def sources_with(tmp_path: Path, source_id: str, mutation: str) -> tuple[Path, dict]:
    """The whole fixture tree with one adapter's files replaced by their mutated versions."""
    tree = tmp_path / "sources"
    for src in sources():
        if src.id != source_id:
            shutil.copytree(src.folder, tree / src.id)
    _, bad = bad_copy(BY_ID[source_id], tree, mutation)
    return tree, bad


def prepare(good: Path, tmp_path: Path, source_id: str, mutation: str) -> tuple[Path, Path, dict]:
    """A live warehouse (a copy of the good one, alone in its folder) and a source tree with bad files."""
    live = tmp_path / "live" / "gcm.duckdb"
    live.parent.mkdir()
    shutil.copy(good, live)
    tree, bad = sources_with(tmp_path, source_id, mutation)
    return live, tree, bad


def run_build(live: Path, tree: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, GCM_DB_PATH=str(live))
    return subprocess.run([sys.executable, "-m", "etl", "build", "--sources", str(tree)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def build_id(path: Path) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT run_id FROM etl_runs WHERE is_current").fetchall()[0][0]
    finally:
        con.close()


@pytest.mark.reliability("etl_builds")
@pytest.mark.parametrize("source_id, mutation", REFUSED, ids=[f"{s}-{m}" for s, m in REFUSED])
def test_a_refused_build_keeps_the_good_warehouse_byte_for_byte(good_warehouse, tmp_path, tally, source_id, mutation):
    live, tree, bad = prepare(good_warehouse, tmp_path, source_id, mutation)
    before, before_id = hashlib.sha256(live.read_bytes()).hexdigest(), build_id(live)
    tally.faults(len(bad))
    proc = run_build(live, tree)
    assert proc.returncode == 2, proc.stdout[-2000:]
    assert "Traceback" not in proc.stderr
    line = proc.stderr.strip()
    assert len(line.splitlines()) == 1 and line.startswith("error: ") and any(f in line for f in bad), line
    assert hashlib.sha256(live.read_bytes()).hexdigest() == before
    assert build_id(live) == before_id
    assert [p.name for p in live.parent.iterdir()] == ["gcm.duckdb"]


@pytest.mark.reliability("etl_builds")
@pytest.mark.parametrize("source_id, mutation", LOADED, ids=[f"{s}-{m}" for s, m in LOADED])
def test_a_build_with_bad_rows_accounts_for_every_row(good_warehouse, tmp_path, tally, source_id, mutation):
    live, tree, bad = prepare(good_warehouse, tmp_path, source_id, mutation)
    tally.faults(len(bad))
    proc = run_build(live, tree)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    con = duckdb.connect(str(live), read_only=True)
    stats = con.execute("SELECT * FROM etl_file_stats WHERE source = ?", [source_id]).df()
    for row in stats.itertuples():
        tally.rows(row.rows_read, row.rows_loaded, row.rows_quarantined, row.rows_duplicate, row.rows_out_of_scope)
        assert row.rows_read == row.rows_loaded + row.rows_quarantined + row.rows_duplicate + row.rows_out_of_scope, row
        assert row.rows_read == bad[row.source_file].rows, row
    quarantine = con.execute("SELECT reason, raw_values FROM quarantine WHERE source = ?", [source_id]).df()
    assert quarantine["reason"].str.len().gt(0).all()
    if mutation == "hostile_free_text":
        # Stored literally, not escaped, stripped or executed.
        practices = con.execute("SELECT * FROM practices").df().map(str)  # empty cells too
        stored = " ".join(practices.to_numpy().ravel()) + " ".join(quarantine["raw_values"].map(
            lambda v: " ".join(map(str, json.loads(v).values()))))
        assert HOSTILE_TEXT[0] in stored and HOSTILE_TEXT[5] in stored
    con.close()
