"""Building the warehouse: contract tables, integrity, idempotence, atomic swap, kills and failures."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.build import build
from common.errors import EtlError
from common.paths import ROOT, snapshots_dir

CONTRACT = {
    "dim_sources": ["source_folder", "title", "licence"],
    "dim_countries": ["country_iso3", "name_en", "name_es", "name_pt", "name_fr", "subregion_code", "peer_groups"],
    "dim_objectives": ["objective_id", "short_en", "short_es", "short_pt"],
    "dim_indicators": ["indicator_code", "name_en", "name_es", "name_pt", "unit", "objective_id", "kind",
                       "direction", "source", "licence", "definition", "caveats"],
    "fct_indicator_values": ["country_iso3", "indicator_code", "year", "value", "value_flag", "upper_bound",
                             "months_covered", "source", "licence"],
    "fct_incidents": ["latitude", "longitude", "incident_date", "dead_and_missing", "cause", "route", "country_iso3"],
    "practices": ["practice_id", "title", "status"],
    "quarantine": ["source_file", "line", "record_key", "raw_values", "reason"],
    "etl_runs": ["started_at", "input_checksums", "rows_per_table", "duration_s"],
}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tables_content(db: Path) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {n: con.execute(f'SELECT * FROM "{n}"').df() for n in names if n != "etl_runs"}
    finally:
        con.close()


def test_contract_tables_and_columns(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    for table, columns in CONTRACT.items():
        have = {r[0] for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]).fetchall()}
        assert set(columns) <= have, (table, set(columns) - have)
    # the 33 LAC countries plus the USA and Canada, with names in four languages
    countries = con.execute("SELECT country_iso3, name_es, name_pt FROM dim_countries").df()
    assert len(countries) == 35
    assert countries.set_index("country_iso3").loc["BRA", "name_pt"] == "Brasil"
    assert con.execute("SELECT count(*) FROM dim_objectives").fetchall()[0][0] == 23


def test_one_row_per_country_indicator_year_and_every_value_sourced(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    dupes = con.execute("""SELECT count(*) FROM (SELECT 1 FROM fct_indicator_values
                           GROUP BY country_iso3, indicator_code, year HAVING count(*) > 1)""").fetchall()[0][0]
    assert dupes == 0
    unsourced = con.execute("""SELECT count(*) FROM fct_indicator_values
                               WHERE source IS NULL OR licence IS NULL""").fetchall()[0][0]
    assert unsourced == 0


def test_indicator_coverage_required_by_the_objectives(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    have = con.execute("""SELECT i.objective_id, i.kind, count(DISTINCT v.indicator_code) AS n
                          FROM fct_indicator_values v JOIN dim_indicators i USING (indicator_code)
                          GROUP BY ALL""").df()
    n = lambda obj, kinds: int(have[(have.objective_id == obj) & have.kind.isin(kinds)].n.sum())  # noqa: E731
    for obj in (8, 10, 21, 23):
        assert n(obj, ["outcome", "policy"]) >= 1, obj
    for obj in (9, 11, 14):
        assert n(obj, ["context"]) >= 1, obj
    assert con.execute("SELECT count(DISTINCT indicator_code) FROM fct_indicator_values").fetchall()[0][0] >= 15
    context = {r[0] for r in con.execute("SELECT DISTINCT indicator_code FROM fct_indicator_values").fetchall()}
    for code in ["desa_migrant_stock", "unhcr_displaced_hosted", "wdi_remittances_in_usd", "wdi_population",
                 "wdi_net_migration", "glotip_victims_rate"]:
        assert code in context


def test_suppressed_counts_stay_censored(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    rows = con.execute("""SELECT value, upper_bound FROM fct_indicator_values
                          WHERE indicator_code = 'glotip_victims' AND value_flag = 'suppressed'""").df()
    assert len(rows) > 0
    assert rows["value"].isna().all() and (rows["upper_bound"] == 5).all()


def test_rates_per_100k_are_count_over_population(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    df = con.execute("""SELECT r.value AS rate, c.value AS cnt, p.value AS pop
                        FROM fct_indicator_values r
                        JOIN fct_indicator_values c ON c.indicator_code = 'glotip_victims'
                             AND c.country_iso3 = r.country_iso3 AND c.year = r.year
                        JOIN fct_indicator_values p ON p.indicator_code = 'wdi_population'
                             AND p.country_iso3 = r.country_iso3 AND p.year = r.year
                        WHERE r.indicator_code = 'glotip_victims_rate' AND r.value IS NOT NULL""").df()
    assert len(df) > 20
    assert ((df.rate - df.cnt / df["pop"] * 1e5).abs() < 1e-9).all()


def test_unchanged_inputs_do_nothing_and_force_rebuilds_identically(tmp_path):
    db = tmp_path / "gcm.duckdb"
    assert build(db).built
    before = (db.stat().st_ino, db.stat().st_mtime_ns, sha(db))
    again = build(db)
    assert not again.built and "nothing to do" in again.message
    assert (db.stat().st_ino, db.stat().st_mtime_ns, sha(db)) == before
    first = tables_content(db)
    forced = build(db, force=True)
    assert forced.built
    assert db.stat().st_ino != before[0]  # a new file was swapped in
    second = tables_content(db)
    assert first.keys() == second.keys()
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name], check_exact=True, obj=name)
    runs = duckdb.connect(str(db), read_only=True).execute(
        "SELECT count(*), count(*) FILTER (WHERE is_current) FROM etl_runs").fetchall()[0]
    assert runs == (2, 1)  # history kept, one current


@pytest.mark.parametrize("point", ["after_stage", "after_load", "before_swap"])
def test_a_build_killed_part_way_leaves_the_last_good_warehouse(tmp_path, point):
    db = tmp_path / "gcm.duckdb"
    build(db)
    before = sha(db)
    env = dict(os.environ, GCM_DB_PATH=str(db), GCM_ETL_KILL_AT=point)
    proc = subprocess.run([sys.executable, "-m", "etl", "build", "--force"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL
    assert sha(db) == before
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM fct_indicator_values").fetchall()[0][0] > 0
    con.close()
    # the next build cleans up what the killed one left behind
    build(db, force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["gcm.duckdb"]


def test_a_build_failing_validation_keeps_the_live_warehouse(tmp_path):
    db = tmp_path / "gcm.duckdb"
    build(db)
    before = sha(db)
    sources = tmp_path / "sources"
    shutil.copytree(snapshots_dir(), sources)
    # a map file with no country in it: every row accounted for, but the warehouse must refuse it
    (sources / "natural-earth-boundaries" / "ne_50m_admin_0_countries_americas.geojson").write_text(
        '{"type": "FeatureCollection", "features": []}')
    with pytest.raises(EtlError, match="geo_shapes is empty"):
        build(db, sources=sources)
    assert sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gcm.duckdb", "sources"]


def run_cli(*args, env_extra=None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_cli_build_prints_a_summary_accounting_for_rows(tmp_path):
    proc = run_cli("build", env_extra={"GCM_DB_PATH": str(tmp_path / "w.duckdb")})
    assert proc.returncode == 0, proc.stderr
    assert "read" in proc.stdout and "quarantined" in proc.stdout and "total" in proc.stdout
    assert "unodc-glotip/glotip_lac.csv" in proc.stdout
    again = run_cli("build", env_extra={"GCM_DB_PATH": str(tmp_path / "w.duckdb")})
    assert again.returncode == 0 and "nothing to do" in again.stdout


def _fixture_sources(tmp_path: Path) -> Path:
    src = tmp_path / "sources"
    shutil.copytree(ROOT / "tests" / "etl" / "fixtures", src)
    return src


def test_cli_missing_file_is_one_clear_line(tmp_path):
    src = _fixture_sources(tmp_path)
    (src / "unodc-glotip" / "glotip_lac.csv").unlink()
    proc = run_cli("build", "--sources", str(src), env_extra={"GCM_DB_PATH": str(tmp_path / "w.duckdb")})
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "glotip_lac.csv" in lines[0] and "not found" in lines[0]
    assert not (tmp_path / "w.duckdb").exists()


def test_cli_missing_required_column_names_file_and_column(tmp_path):
    src = _fixture_sources(tmp_path)
    f = src / "us-tip-tiers" / "tip_tiers_lac.csv"
    f.write_text(f.read_text().replace('"tier"', '"rank"', 1))
    proc = run_cli("build", "--sources", str(src), env_extra={"GCM_DB_PATH": str(tmp_path / "w.duckdb")})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    line = proc.stderr.strip()
    assert "tip_tiers_lac.csv" in line and "'tier'" in line


def test_cli_snapshot_changed_without_its_manifest_is_one_clear_line(tmp_path):
    snaps = tmp_path / "snapshots"
    shutil.copytree(snapshots_dir(), snaps)
    target = snaps / "us-tip-tiers" / "tip_tiers_lac.csv"
    target.write_text(target.read_text().replace("Tier 3", "Tier 1", 1))
    env = {"GCM_DB_PATH": str(tmp_path / "w.duckdb"), "GCM_SNAPSHOTS": str(snaps)}
    proc = run_cli("build", env_extra=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "tip_tiers_lac.csv" in lines[0] and "differs from snapshot.toml" in lines[0]
    assert not (tmp_path / "w.duckdb").exists()


def test_cli_unreadable_file_is_one_clear_line(tmp_path):
    src = _fixture_sources(tmp_path)
    target = src / "world-bank-wdi" / "gdidata_wdi_lac.csv"
    target.unlink()
    target.mkdir()  # a folder where a file should be: cannot be read
    proc = run_cli("build", "--sources", str(src), env_extra={"GCM_DB_PATH": str(tmp_path / "w.duckdb")})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "gdidata_wdi_lac.csv" in lines[0] and "cannot read" in lines[0]
