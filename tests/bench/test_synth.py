"""The SYNTHETIC benchmark generator: files the adapters load as they load the originals, labelled synthetic."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import duckdb

from bench import synth
from etl.build import build
from etl.land import source_inputs
from common.paths import ROOT


@dataclass
class Loaded:
    """What a build from a folder loaded: per-file counts, quarantine, tables and its origin."""

    file_stats: pd.DataFrame
    quarantine: pd.DataFrame
    tables: dict[str, pd.DataFrame]
    origin: str


def load(sources: Path, db: Path) -> Loaded:
    result = build(db, sources=sources, force=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {"values": con.sql("SELECT * FROM fct_indicator_values").df(),
                  "incidents": con.sql("SELECT * FROM fct_incidents").df()}
        return Loaded(result.file_stats, con.sql("SELECT * FROM quarantine").df(), tables, result.origin)
    finally:
        con.close()


@pytest.fixture(scope="module")
def scaled(tmp_path_factory, fixtures_dir=Path(__file__).parent.parent / "etl" / "fixtures"):
    """The hand-written source fixtures, and a copy scaled 2x from them; both loaded by the real ETL."""
    work = tmp_path_factory.mktemp("bench")
    out = work / "synthetic-x2"
    counts = synth.generate(2, out, sources=fixtures_dir)
    return counts, out, load(fixtures_dir, work / "original.duckdb"), load(out, work / "copy.duckdb")


def test_scaled_copy_has_more_rows_in_every_scaled_file(scaled):
    counts, out, original, copy = scaled
    assert counts and all(written > real for real, written in counts.values())
    assert copy.file_stats["rows_read"].sum() > original.file_stats["rows_read"].sum() + sum(r for r, _ in counts.values()) // 2


def test_adapters_find_no_new_kind_of_problem_in_the_copy(scaled):
    """Every quarantine reason in the copy is one the originals have, or a country outside the scope."""
    _, _, original, copy = scaled
    new = set(copy.quarantine["reason"]) - set(original.quarantine["reason"])
    assert {r for r in new if "scope" not in r} == set()
    assert len(copy.tables["values"]) > len(original.tables["values"])
    # Copies move incidents to other years, which can also bring a fixture's bad year into range.
    assert len(copy.tables["incidents"]) >= 2 * len(original.tables["incidents"])


def test_every_folder_and_the_build_origin_say_synthetic(scaled):
    _, out, _, copy = scaled
    folders = {p.parent for p in source_inputs(out).values()} | {out}
    assert all((f / "SYNTHETIC.md").is_file() for f in folders)
    assert "synthetic" in copy.origin
    incidents = pd.read_csv(out / "missing-migrants" / "gdidata_iom_mmp_americas.csv", dtype=str)
    original_rows = len(pd.read_csv(synth_fixture("missing-migrants/gdidata_iom_mmp_americas.csv"), dtype=str))
    assert incidents["location"].fillna("").str.contains(synth.MARKER).sum() == original_rows


def synth_fixture(name: str) -> Path:
    return Path(__file__).parent.parent / "etl" / "fixtures" / name


def test_never_writes_inside_the_repository():
    with pytest.raises(ValueError):
        synth.generate(2, ROOT / "data" / "synthetic-x2")
