"""Building from raw files: the committed snapshots, the hand-written fixtures, the real ../shared sources when present."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import tomllib
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

from etl.build import build
from etl import snapshots
from etl.snapshots import sha256_file
from etl.land import source_inputs
from tests.etl.harness import all_sources as sql_sources
from common.paths import ROOT, SHARED_SOURCES, snapshots_dir
from tests.warehouse.table_digest import differences, table_digests

FIXTURES = ROOT / "tests" / "etl" / "fixtures"
WANTED = {m.SOURCE: m.FILES for m in sql_sources()}  # the raw files the ETL reads, by source folder
needs_shared = pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="../shared/data-sources not present")


def test_build_from_fixture_sources_accounts_for_every_row(tmp_path):
    result = build(tmp_path / "w.duckdb", sources=FIXTURES)
    assert result.built
    stats = result.file_stats
    assert (stats.rows_read == stats.rows_loaded + stats.rows_quarantined + stats.rows_duplicate
            + stats.rows_out_of_scope).all()
    assert set(stats.source) == {m.SOURCE for m in sql_sources()} | {"submissions"}
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
    for mod in sql_sources():
        for name in mod.FILES:
            assert f"{mod.SOURCE}/{name}" in proc.stdout
    total = [line for line in proc.stdout.splitlines() if line.startswith("total")][0].split()[1:]
    read, loaded, quarantined, dupes, outside = (int(x.replace(",", "")) for x in total)
    assert read == loaded + quarantined + dupes + outside and read > 150_000


def test_every_file_the_etl_reads_is_a_snapshot_with_its_provenance():
    root = snapshots_dir()
    manifests = snapshots.manifests(root)
    assert set(manifests) == set(WANTED)
    for source, files in WANTED.items():
        m = manifests[source]
        assert m["source"] == source
        assert m["publisher"].strip() and m["licence"].strip(), source
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", m["retrieved"]), source
        listed = {f["name"]: f for f in m["files"]}
        assert set(listed) == set(files), source
        for name, entry in listed.items():
            path = root / source / name
            assert entry["sha256"] == sha256_file(path) and entry["bytes"] == path.stat().st_size, name
            # where the bytes came from: a repository and path, or the team's own compilation
            assert entry.get("url", "").startswith("https://") or entry.get("repository") or source == "practices-factsheet"


def test_a_build_from_the_snapshots_gives_the_reviewed_warehouse(tmp_path, monkeypatch):
    """Table by table, the same rows and values (floats to 9 significant digits) as the committed
    digests of the reviewed warehouse (tests/warehouse/table_digest.py): no figure changes unnoticed."""
    monkeypatch.setenv("GCM_SUBMISSIONS", str(tmp_path / "empty-store"))
    db = tmp_path / "w.duckdb"
    assert build(db).built
    want = json.loads((ROOT / "tests" / "warehouse" / "golden_digests.json").read_text())
    assert differences(table_digests(db), want) == []


@needs_shared
def test_the_snapshots_are_the_current_shared_sources():
    current = {key: sha256_file(path) for key, path in source_inputs(SHARED_SOURCES).items()}
    snapped = {key: sha256_file(path) for key, path in source_inputs(snapshots_dir()).items()}
    assert snapped == current, "run `python -m etl snapshot` and commit data/snapshots"


def run_etl(*args: str, snaps) -> subprocess.CompletedProcess:
    env = dict(os.environ, GCM_SNAPSHOTS=str(snaps))
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_snapshot_copies_new_raw_files_and_reports_what_changed(tmp_path):
    src = tmp_path / "sources"
    shutil.copytree(FIXTURES, src)
    snaps = tmp_path / "snapshots"
    first = run_etl("snapshot", "--from", str(src), "--retrieved", "2026-01-02", snaps=snaps)
    assert first.returncode == 0, first.stderr
    n_files = sum(len(f) for f in WANTED.values())
    assert f"added: {n_files}" in first.stdout
    assert "todo" in first.stdout  # new sources: publisher and licence to fill in by hand
    manifest = tomllib.loads((snaps / "us-tip-tiers" / "snapshot.toml").read_text())
    entry = manifest["files"][0]
    assert entry["sha256"] == sha256_file(src / "us-tip-tiers" / "tip_tiers_lac.csv")
    assert entry["retrieved"] == "2026-01-02"
    # metadata written by hand survives the next snapshot
    (snaps / "us-tip-tiers" / "snapshot.toml").write_text(
        (snaps / "us-tip-tiers" / "snapshot.toml").read_text().replace('publisher = ""', 'publisher = "US DoS"'))
    again = run_etl("snapshot", "--from", str(src), snaps=snaps)
    assert again.returncode == 0 and f"unchanged: {n_files}" in again.stdout
    changed = src / "us-tip-tiers" / "tip_tiers_lac.csv"
    changed.write_text(changed.read_text() + '"Chile","CHL",2016,155,"Tier 1"\n')
    third = run_etl("snapshot", "--from", str(src), snaps=snaps)
    assert "changed   us-tip-tiers/tip_tiers_lac.csv" in third.stdout and f"unchanged: {n_files - 1}" in third.stdout
    manifest = tomllib.loads((snaps / "us-tip-tiers" / "snapshot.toml").read_text())
    assert manifest["publisher"] == "US DoS" and manifest["files"][0]["sha256"] == sha256_file(changed)
    assert (snaps / "us-tip-tiers" / "tip_tiers_lac.csv").read_bytes() == changed.read_bytes()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


def test_fetch_downloads_from_the_recorded_url_and_refuses_a_changed_file(tmp_path):
    served = tmp_path / "published"
    served.mkdir()
    (served / "tiers.csv").write_text("iso,year,tier\nCHL,2015,Tier 1\n")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        snaps = tmp_path / "snapshots"
        folder = snaps / "us-tip-tiers"
        folder.mkdir(parents=True)
        (folder / "tip_tiers_lac.csv").write_bytes((served / "tiers.csv").read_bytes())
        url = f"http://127.0.0.1:{server.server_port}/tiers.csv"
        (folder / "snapshot.toml").write_text(
            'source = "us-tip-tiers"\npublisher = "US DoS"\nlicence = "public domain"\nretrieved = "2026-01-02"\n'
            f'[[files]]\nname = "tip_tiers_lac.csv"\nurl = "{url}"\n'
            f'sha256 = "{sha256_file(served / "tiers.csv")}"\nbytes = 0\n'
            '[[files]]\nname = "own.csv"\nsha256 = ""\nbytes = 0\n')
        same = run_etl("fetch", snaps=snaps)
        assert same.returncode == 0, same.stderr
        assert "unchanged us-tip-tiers/tip_tiers_lac.csv" in same.stdout and "no url recorded" in same.stdout

        (served / "tiers.csv").write_text("iso,year,tier\nCHL,2015,Tier 2\n")
        refused = run_etl("fetch", "us-tip-tiers", snaps=snaps)
        assert refused.returncode == 1 and "refused" in refused.stdout and "--accept" in refused.stdout
        assert "Tier 1" in (folder / "tip_tiers_lac.csv").read_text()  # the snapshot is kept

        accepted = run_etl("fetch", "us-tip-tiers", "--accept", snaps=snaps)
        assert accepted.returncode == 0 and "accepted" in accepted.stdout
        assert "Tier 2" in (folder / "tip_tiers_lac.csv").read_text()
        manifest = tomllib.loads((folder / "snapshot.toml").read_text())
        assert manifest["files"][0]["sha256"] == sha256_file(served / "tiers.csv")
        assert manifest["publisher"] == "US DoS"
        assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary file left

        server.shutdown()
        down = run_etl("fetch", snaps=snaps)
        assert down.returncode == 1 and "failed" in down.stdout
        assert "Tier 2" in (folder / "tip_tiers_lac.csv").read_text()
    finally:
        server.shutdown()
        server.server_close()
