"""Building from raw files: the hand-written fixtures always, the real ../shared sources when present."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb
import pytest

from etl.adapters import adapters
from etl.build import build
from etl.stage import sha256_file, source_inputs
from gcm.paths import DEFAULT_DIR, ROOT, SHARED_SOURCES

FIXTURES = ROOT / "tests" / "etl" / "fixtures"
needs_shared = pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="../shared/data-sources not present")


def test_build_from_fixture_sources_accounts_for_every_row(tmp_path):
    result = build(tmp_path / "w.duckdb", sources=FIXTURES)
    assert result.built
    stats = result.file_stats
    assert (stats.rows_read == stats.rows_loaded + stats.rows_quarantined + stats.rows_duplicate
            + stats.rows_out_of_scope).all()
    assert set(stats.source) == {m.SOURCE for m in adapters()} | {"practices-factsheet", "submissions"}
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    reasons = {r[0] for r in con.execute("SELECT DISTINCT reason FROM quarantine").fetchall()}
    # the fixtures carry every kind of bad row; each lands in quarantine with its reason
    for expected in ["conflicting duplicate: same key with different values", "negative count",
                     "impossible or non-numeric year"]:
        assert any(expected in r for r in reasons), expected
    q = con.execute("SELECT count(*) FROM quarantine").fetchall()[0][0]
    assert q == int(stats.rows_quarantined.sum())


@needs_shared
def test_build_from_the_real_sources_loads_every_source(tmp_path):
    env = dict(os.environ, GCM_DB_PATH=str(tmp_path / "real.duckdb"))
    proc = subprocess.run([sys.executable, "-m", "etl", "build", "--sources", str(SHARED_SOURCES)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    for mod in adapters():
        for name in mod.FILES:
            assert f"{mod.SOURCE}/{name}" in proc.stdout
    total = [line for line in proc.stdout.splitlines() if line.startswith("total")][0].split()[1:]
    read, loaded, quarantined, dupes, outside = (int(x.replace(",", "")) for x in total)
    assert read == loaded + quarantined + dupes + outside and read > 150_000


@needs_shared
def test_embedded_default_was_derived_from_the_current_sources():
    manifest = json.loads((DEFAULT_DIR / "manifest.json").read_text())
    current = {key: sha256_file(path) for key, path in source_inputs(SHARED_SOURCES).items()}
    assert manifest["sources"] == current, "run `python -m etl refresh-default` and commit data/default"


def test_embedded_default_is_compact_and_not_a_copy_of_raw_files():
    files = [p for p in DEFAULT_DIR.iterdir() if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 5 * 1024 * 1024
    assert all(p.suffix in {".parquet", ".json"} for p in files)
