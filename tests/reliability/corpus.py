"""Bad input files made by code from each adapter's valid fixture: a table of mutations × files.

A mutation takes the valid file's text and parsed records and returns the bad file's bytes, the
number of data rows it holds (None when that cannot be known, e.g. after a wrong encoding) and
what must happen: `load` (the file is fine and must load, every row accounted for), `error`
(one clear EtlError), or `either` (a clear error or every row accounted for).
"""
from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tests.etl.harness import all_sources as sql_sources

FIXTURES = Path(__file__).resolve().parent.parent / "etl" / "fixtures"

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
YEAR = re.compile(r"^(19|20)\d\d(\.0+)?$")
DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
CODE3 = re.compile(r"^[A-Z]{3}$")
HOSTILE_TEXT = ["<script>alert(1)</script>", "**bold** [x](javascript:alert(1))", "'; DROP TABLE quarantine; --",
                "=HYPERLINK(\"http://evil.example\")", "\u202egnp.exe", "👩🏽‍⚕️ migrants 🌎", "e\u0301\u0301\u0301 Zalgo̸̢",
                "\u0627\u0644\u0647\u062c\u0631\u0629"]


@dataclass(frozen=True)
class Bad:
    """One bad file: its bytes, how many data rows it holds, and what the ETL must do with it."""

    data: bytes
    rows: int | None
    expect: str  # "load", "error" or "either"


@dataclass(frozen=True)
class Source:
    """One adapter with its fixture folder; a case mutates every file it reads the same way."""

    module: object

    @property
    def id(self) -> str:
        return self.module.SOURCE

    @property
    def folder(self) -> Path:
        return FIXTURES / self.module.SOURCE

    @property
    def files(self) -> list[str]:
        return list(self.module.FILES)

    @property
    def geojson(self) -> bool:
        return all(f.endswith(".geojson") for f in self.files)


def sources() -> list[Source]:
    """Every source the ETL reads."""
    return [Source(src) for src in sql_sources()]


def bad_copy(source: Source, dest: Path, mutation: str) -> tuple[Path, dict[str, Bad]]:
    """A copy of the source's fixture folder with every file it reads replaced by its mutated version."""
    folder = dest / source.id
    shutil.copytree(source.folder, folder)
    bad = {}
    for file in source.files:
        bad[file] = make(source.folder / file, mutation)
        (folder / file).write_bytes(bad[file].data)
    return folder, bad


# --- CSV mutations ------------------------------------------------------------------------------

def _parse(text: str) -> list[list[str]]:
    """The fixture's records: split on commas, or on `;` (or tabs) when only that gives every row the
    header's width (a UN Treaty Collection scrape: `;` between names that hold commas). The mutated
    files are written with commas (the readers take either)."""
    for sep in (",", ";", "\t"):
        records = list(csv.reader(io.StringIO(text), delimiter=sep))
        if records and len(records[0]) > 1 and all(len(r) == len(records[0]) for r in records if r):
            return records
    return list(csv.reader(io.StringIO(text)))


def _write(records: list[list[str]], sep: str = ",", line_end: str = "\n") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator=line_end).writerows(records)
    return buf.getvalue()


def _cells(records, fn) -> list[list[str]]:
    """Records with `fn` applied to every data cell (the header kept)."""
    return [records[0]] + [[fn(c) for c in r] for r in records[1:]]


def _year(c: str) -> str:
    if YEAR.match(c):
        return "2999"
    if DATE.match(c):
        return "2999-13-45"
    return c


def _country(c: str) -> str:
    from common.countries import iso3_codes, name_to_iso3

    if CODE3.match(c) and c in iso3_codes():
        return "XZZ"
    if c and not NUMBER.match(c) and len(c) < 60 and name_to_iso3(c):
        return "Atlantis"
    return c


def _bump(c: str) -> str:
    """A different value for a number that is not a year (so a row's key stays, its value changes)."""
    if NUMBER.match(c) and not YEAR.match(c):
        return str(float(c) + 1)
    return c


def _hostile(records: list[list[str]]) -> list[list[str]]:
    out = [records[0]]
    for i, r in enumerate(records[1:]):
        out.append([HOSTILE_TEXT[(i + j) % len(HOSTILE_TEXT)] if c and not NUMBER.match(c) else c
                    for j, c in enumerate(r)])
    return out


def _hostile_free_text(records: list[list[str]]) -> list[list[str]]:
    """Free-text cells (titles, summaries, places) replaced by hostile text; codes and numbers kept."""
    out = [records[0]]
    for i, r in enumerate(records[1:]):
        out.append([f"{c[:20]} {HOSTILE_TEXT[(i + j) % len(HOSTILE_TEXT)]}" if " " in c.strip() and len(c) > 15 else c
                    for j, c in enumerate(r)])
    return out


def _truncate_line(text: str) -> str:
    body = text.rstrip("\n")
    last = body.rfind("\n")
    return body[: last + 1 + max(1, (len(body) - last - 1) // 2)]


def _data_lines(text: str) -> int:
    return sum(1 for line in text.split("\n")[1:] if line.strip())


CsvMutation = Callable[[str, list[list[str]]], Bad]

CSV_MUTATIONS: dict[str, CsvMutation] = {
    "utf8_bom": lambda t, r: Bad(b"\xef\xbb\xbf" + t.encode(), len(r) - 1, "load"),
    "cp1252": lambda t, r: Bad(t.encode("cp1252", errors="replace"), len(r) - 1, "load"),
    "utf16": lambda t, r: Bad(t.encode("utf-16"), None, "either"),
    "crlf": lambda t, r: Bad(t.replace("\n", "\r\n").encode(), len(r) - 1, "load"),
    "cr_only": lambda t, r: Bad(t.replace("\n", "\r").encode(), len(r) - 1, "load"),
    "semicolons": lambda t, r: Bad(_write(r, ";").encode(), len(r) - 1, "load"),
    "truncated_mid_line": lambda t, r: Bad(_truncate_line(t).encode(), len(r) - 1, "either"),
    "truncated_mid_file": lambda t, r: Bad(t.encode()[: len(t.encode()) // 2],
                                           _data_lines(t.encode()[: len(t.encode()) // 2].decode("utf-8", "replace")),
                                           "either"),
    "empty": lambda t, r: Bad(b"", 0, "error"),
    "blank_lines_only": lambda t, r: Bad(b"\n \n\r\n", 0, "error"),
    "header_only": lambda t, r: Bad(_write(r[:1]).encode(), 0, "load"),
    "first_column_missing": lambda t, r: Bad(_write([x[1:] for x in r]).encode(), len(r) - 1, "either"),
    "last_column_missing": lambda t, r: Bad(_write([x[:-1] for x in r]).encode(), len(r) - 1, "either"),
    "extra_column": lambda t, r: Bad(_write([r[0] + ["extra"]] + [x + ["x"] for x in r[1:]]).encode(),
                                     len(r) - 1, "load"),
    "extra_cells": lambda t, r: Bad(_write([r[0]] + [x + ["surplus", "9"] for x in r[1:]]).encode(),
                                    len(r) - 1, "load"),
    "short_rows": lambda t, r: Bad(_write([r[0]] + [x[: max(1, len(x) // 2)] for x in r[1:]]).encode(),
                                   len(r) - 1, "load"),
    "wrong_types": lambda t, r: Bad(_write(_cells(r, lambda c: "twelve" if NUMBER.match(c) else c)).encode(),
                                    len(r) - 1, "load"),
    "unknown_countries": lambda t, r: Bad(_write(_cells(r, _country)).encode(), len(r) - 1, "load"),
    "exact_duplicates": lambda t, r: Bad(_write(r + r[1:]).encode(), 2 * (len(r) - 1), "load"),
    "conflicting_duplicates": lambda t, r: Bad(_write(r + _cells(r, _bump)[1:]).encode(), 2 * (len(r) - 1), "load"),
    "impossible_years": lambda t, r: Bad(_write(_cells(r, _year)).encode(), len(r) - 1, "load"),
    # One cell longer than the csv module's default limit (128 KiB), which would refuse the whole file.
    "very_long_line": lambda t, r: Bad(_write([r[0], r[1][:-1] + [r[1][-1] + "x" * 200_000]] + r[2:]).encode(),
                                       len(r) - 1, "load"),
    "nul_bytes": lambda t, r: Bad(_write(_cells(r, lambda c: c + "\x00" if c else c)).encode(), len(r) - 1, "either"),
    "stray_quote": lambda t, r: Bad(_write(r[:1]).encode() + b'"' + _write(r[1:]).encode(), len(r) - 1, "either"),
    "hostile_text": lambda t, r: Bad(_write(_hostile(r)).encode(), len(r) - 1, "load"),
    "hostile_free_text": lambda t, r: Bad(_write(_hostile_free_text(r)).encode(), len(r) - 1, "load"),
    "random_bytes": lambda t, r: Bad(random.Random(len(t)).randbytes(3000), None, "either"),
}


# --- GeoJSON mutations (Natural Earth) ----------------------------------------------------------

def _features(doc: dict, fn) -> Bad:
    doc = json.loads(json.dumps(doc))
    doc["features"] = fn(doc["features"])
    return Bad(json.dumps(doc).encode(), len(doc["features"]), "load")


def _each(fn):
    def apply(features):
        for f in features:
            fn(f)
        return features
    return apply


GEOJSON_MUTATIONS: dict[str, Callable[[str, dict], Bad]] = {
    "utf8_bom": lambda t, d: Bad(b"\xef\xbb\xbf" + t.encode(), len(d["features"]), "load"),
    "crlf": lambda t, d: Bad(json.dumps(d, indent=1).replace("\n", "\r\n").encode(), len(d["features"]), "load"),
    "utf16": lambda t, d: Bad(t.encode("utf-16"), None, "either"),
    "cp1252": lambda t, d: Bad((t.replace('"Belize"', '"Bélize"')).encode("cp1252"), None, "either"),
    "truncated": lambda t, d: Bad(t.encode()[: len(t) // 2], None, "error"),
    "empty": lambda t, d: Bad(b"", None, "error"),
    "not_a_collection": lambda t, d: Bad(b"[1, 2, 3]", None, "error"),
    "features_not_a_list": lambda t, d: Bad(b'{"type":"FeatureCollection","features":{"a":1}}', None, "error"),
    "no_features": lambda t, d: _features(d, lambda fs: []),
    "features_not_objects": lambda t, d: _features(d, lambda fs: fs + [1, "x", None, []]),
    "properties_missing": lambda t, d: _features(d, _each(lambda f: f.pop("properties", None))),
    "geometry_null": lambda t, d: _features(d, _each(lambda f: f.update(geometry=None))),
    "geometry_garbage": lambda t, d: _features(d, _each(lambda f: f.update(
        geometry={"type": "Polygon", "coordinates": [["a", None], [1]]}))),
    "geometry_point": lambda t, d: _features(d, _each(lambda f: f.update(geometry={"type": "Point", "coordinates": [1, 2]}))),
    "unknown_countries": lambda t, d: _features(d, _each(lambda f: f["properties"].update(ADM0_A3="XZZ", ISO_A3="XZZ"))),
    "exact_duplicates": lambda t, d: _features(d, lambda fs: fs + json.loads(json.dumps(fs))),
    "conflicting_duplicates": lambda t, d: _features(d, lambda fs: fs + [dict(f, properties=dict(f["properties"], NAME="Other"))
                                                                         for f in json.loads(json.dumps(fs))]),
    "wrong_types": lambda t, d: _features(d, _each(lambda f: f["properties"].update(ADM0_A3=12, NAME=["x"], SUBREGION={"a": 1}))),
    "very_long_property": lambda t, d: _features(d, _each(lambda f: f["properties"].update(NAME="x" * 1_000_000))),
    "hostile_text": lambda t, d: _features(d, _each(lambda f: f["properties"].update(NAME=HOSTILE_TEXT[0], SUBREGION=HOSTILE_TEXT[5]))),
    "random_bytes": lambda t, d: Bad(random.Random(7).randbytes(3000), None, "error"),
}


def cases() -> list[tuple[Source, str]]:
    """Every (adapter, mutation) pair of the corpus."""
    return [(src, name) for src in sources() for name in (GEOJSON_MUTATIONS if src.geojson else CSV_MUTATIONS)]


def make(path: Path, mutation: str) -> Bad:
    """The mutated version of one valid fixture file."""
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    if path.suffix == ".geojson":
        return GEOJSON_MUTATIONS[mutation](text, json.loads(text))
    return CSV_MUTATIONS[mutation](text, _parse(text))
