"""Landing: each raw file the SQL models read becomes a table of text columns with its line numbers. The files
are declared once, in the dbt sources of each staging folder (`meta`), read here. Landing only decodes and splits
a file and refuses one whose header lacks what it declares: every check of a row is a SQL model's."""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pycountry
import yaml

from common.countries import (iso2_to_iso3, iso3_codes, is_country_code, lac33_codes, name_to_iso3, pseudo_codes,
                              scope_codes)
from common.errors import EtlError
from common.paths import ROOT, snapshots_dir
from etl.readers import MAX_YEAR, land_csv
from etl.shapes import land_shapes

STAGING = ROOT / "etl" / "transform" / "models" / "staging"
# A column named "<title> | <year>" (a wide sheet's two header rows, joined by read_csv).
YEAR_COLUMN = re.compile(r"\|\s*(\d{4})\s*$")
# Footnote numbers after a country name ("Ukraine 6, 7"): the name is also looked up without them
# (the staging model strips them the same way, regexp_replace(name, '\s+\d+(,\s*\d+)*$', '')).
FOOTNOTE = re.compile(r"\s+\d+(,\s*\d+)*$")


@dataclass(frozen=True)
class RawFile:
    """One raw file a SQL model reads, as its `meta` declares it (docs/etl.md, "Declare its raw files")."""

    folder: str
    file: str
    table: str
    required: tuple[str, ...] = ()
    country_names: tuple[str, ...] = ()  # required too; their names resolved to ISO3 codes in ref_country_names
    header_rows: int = 1  # 2: joined as "first | second", unless the first line matches one_header_row_if
    one_header_row_if: str = ""
    year_columns: tuple[str, int] | None = None  # (title, from): a "<title> | <year>" column each year from `from`


@dataclass(frozen=True)
class SqlSource:
    """A source folder: its catalogue entry (dim_sources) and the raw files its SQL models read."""

    folder: str
    title: str
    licence: str
    files: tuple[RawFile, ...]


@lru_cache(maxsize=None)
def sql_sources() -> tuple[SqlSource, ...]:
    """Every source whose staging models declare their raw files, in folder order."""
    out = []
    for path in sorted(STAGING.glob("*/_*__sources.yml")):
        for src in yaml.safe_load(path.read_text())["sources"]:
            meta = src["meta"]
            files = tuple(_raw_file(meta["folder"], t) for t in src["tables"])
            out.append(SqlSource(meta["folder"], meta["title"], meta["licence"], files))
    return tuple(sorted(out, key=lambda s: s.folder))


def _raw_file(folder: str, table: dict) -> RawFile:
    """A table's declaration; its other `meta` keys (a treaty's code…) are the models' own."""
    meta = {k: tuple(v) if isinstance(v, list) else v for k, v in table["meta"].items()
            if k in RawFile.__dataclass_fields__}
    if years := meta.get("year_columns"):
        meta["year_columns"] = (years["title"], int(years["from"]))  # hashable, as the frozen RawFile is
    return RawFile(folder, table=table.get("identifier", table["name"]), **meta)


def _check_year_columns(path: Path, header: list[str], title: str, first: int) -> None:
    """A spreadsheet export must have "<title> | <year>" columns, each year from `first` to next year."""
    years = {c: int(m.group(1)) for c in header if (m := YEAR_COLUMN.search(c)) and title.lower() in c.lower()}
    if not years:
        raise EtlError(path, f"no '{title} ... | <year>' columns found")
    if wrong := [c for c, y in years.items() if not first <= y <= MAX_YEAR]:
        raise EtlError(path, f"impossible year in column header '{wrong[0]}'")


def _header_rows(path: Path, raw: RawFile) -> int:
    """raw.header_rows, or 1 if the file's first line matches raw.one_header_row_if. Peeking is needed:
    a native first row (a title and blank cells) has no usable column names."""
    if raw.header_rows == 1 or not raw.one_header_row_if:
        return raw.header_rows
    try:
        with path.open("rb") as fh:
            first = fh.readline().decode("utf-8", errors="replace")
    except OSError:
        return 1  # land_csv reports the unreadable file
    return 1 if re.search(raw.one_header_row_if, first) else raw.header_rows


def source_folder(sources: Path, folder: str) -> Path:
    """A source's folder in `sources`; the practices fact sheet may sit beside it instead (../shared layout)."""
    if folder == "practices-factsheet" and not (sources / folder).is_dir() and (sources.parent / folder).is_dir():
        return sources.parent / folder
    return sources / folder


def source_inputs(sources: Path) -> dict[str, Path]:
    """The raw files a build from `sources` reads, keyed by 'folder/file'."""
    if not sources.is_dir():
        raise EtlError(sources, "sources folder not found")
    return {f"{src.folder}/{raw.file}": source_folder(sources, src.folder) / raw.file
            for src in sql_sources() for raw in src.files}


def land(con: duckdb.DuckDBPyConnection, sources: Path, only: str | None = None) -> None:
    """Land every declared raw file in `sources`, or those of the source folder `only`, its rows counted in
    `raw_files`, and the code lists. EtlError for a file missing, unreadable or without a required column."""
    counts, names = [], set()
    for raw in (f for src in sql_sources() if only in (None, src.folder) for f in src.files):
        path = source_folder(sources, raw.folder) / raw.file
        if path.suffix == ".geojson":
            land_shapes(con, path, raw.table)  # the map polygons, simplified with shapely
        else:
            header = land_csv(con, path, raw.table, (*raw.required, *raw.country_names), _header_rows(path, raw))
            if raw.year_columns:
                _check_year_columns(path, header, *raw.year_columns)
        counts.append((raw.folder, raw.file, con.execute(f'SELECT count(*) FROM "{raw.table}"').fetchall()[0][0]))
        for column in raw.country_names:
            quoted = column.replace('"', '""')
            found = {n for (n,) in con.execute(f'SELECT DISTINCT "{quoted}" FROM "{raw.table}"').fetchall()}
            names.update(found | {FOOTNOTE.sub("", n) for n in found})
    con.execute("CREATE TABLE raw_files (source VARCHAR, source_file VARCHAR, rows_read BIGINT)")
    con.executemany("INSERT INTO raw_files VALUES (?, ?, ?)", counts)
    land_reference(con, names)


def land_reference(con: duckdb.DuckDBPyConnection, names: set[str] = frozenset()) -> None:
    """The code lists the staging models resolve against (from pycountry and data/reference), with the ISO3
    code (or NULL) of each country name in `names` as common.countries.name_to_iso3 matches it."""
    codes = sorted(iso3_codes() | pseudo_codes() | scope_codes())
    con.from_arrow(pa.table({
        "code": codes,
        "is_iso3": [c in iso3_codes() for c in codes],
        "is_country": [is_country_code(c) for c in codes],
        "is_pseudo": [c in pseudo_codes() for c in codes],
        "in_scope": [c in scope_codes() for c in codes],
        "in_lac33": [c in lac33_codes() for c in codes],
    })).create("ref_codes")
    tables = {"ref_iso2": ("iso2", pa.string(), iso2_to_iso3()),
              "ref_m49": ("m49", pa.int64(), {int(c.numeric): c.alpha_3 for c in pycountry.countries}),
              "ref_country_names": ("name", pa.string(), {n: name_to_iso3(n) for n in names})}
    for table, (key, key_type, iso3) in tables.items():
        keys = sorted(iso3)
        con.from_arrow(pa.table({key: pa.array(keys, key_type),
                                 "iso3": pa.array([iso3[k] for k in keys], pa.string())})).create(table)


def run_alone(folder_name: str, folder: Path) -> dict[str, pd.DataFrame]:
    """Land `folder` as source folder `folder_name` and run that source's models alone into a scratch warehouse:
    its `int_<source>__*` tables by the name after `__` ("ledger", "values"…), for tests and practice_names."""
    from etl.models import Staged, run_models  # imported late: dbt costs two seconds to import

    slug = folder_name.replace("-", "_")
    with tempfile.TemporaryDirectory(prefix="gcm-land-") as tmp, Staged() as staged:
        (Path(tmp) / folder_name).symlink_to(folder.resolve(), target_is_directory=True)
        land(staged.con, Path(tmp), only=folder_name)
        db = Path(tmp) / "w.duckdb"
        run_models(db, staged, command="run", keep_work=True,
                   select=[f"path:models/staging/{slug}", f"path:models/intermediate/{slug}"])
        with duckdb.connect(str(db), read_only=True) as con:
            tables = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'build' "
                                 "AND starts_with(table_name, ?)", [f"int_{slug}__"]).fetchall()
            return {t.split("__", 1)[1]: con.execute(f'SELECT * FROM build."{t}"').df() for (t,) in tables}


def practice_names(folder: Path | None = None) -> pd.DataFrame:
    """The fact sheet's practices as the ingest of submissions compares new rows with them:
    practice_id, title, original_name, countries (a list of ISO3), read from the snapshot as a build
    reads it; no rows when there is no readable snapshot (rows are then compared with the store alone)."""
    try:
        staged = run_alone("practices-factsheet", folder or snapshots_dir() / "practices-factsheet")
    except (OSError, ValueError, EtlError):
        return pd.DataFrame({"practice_id": [], "title": [], "original_name": [], "countries": []})
    countries = staged["practice_countries"].groupby("practice_id")["country_iso3"].agg(list)
    out = staged["practices"][["practice_id", "title", "original_name"]].reset_index(drop=True)
    return out.assign(countries=[countries.get(p, []) for p in out["practice_id"]])
