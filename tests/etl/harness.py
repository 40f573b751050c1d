"""The ETL's parts run alone, for the source tests and the fault corpus: one source's models on a
folder of its files with the row accounting per file (read = loaded + quarantined + duplicates +
outside the scope) and the quarantined rows; one CSV file as the reader lands it.

The counts come from the source's ledger models (`source_ledger`), the same rows the build's
`int_ledger` unions for `etl_file_stats` and `quarantine`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import duckdb
import pandas as pd

from etl.land import SqlSource, run_alone, sql_sources
from etl.readers import land_csv

QUARANTINE_COLUMNS = ["source", "source_file", "line", "record_key", "raw_values", "reason"]


@dataclass
class FileStats:
    """Row counts for one input file of one source."""

    source: str
    file: str
    read: int = 0
    loaded: int = 0
    duplicates: int = 0
    quarantined: Counter = field(default_factory=Counter)
    # Sound rows about countries the dashboard does not cover: counted per reason, not copied.
    out_of_scope: Counter = field(default_factory=Counter)

    @property
    def quarantined_total(self) -> int:
        return sum(self.quarantined.values())

    @property
    def out_of_scope_total(self) -> int:
        return sum(self.out_of_scope.values())

    @property
    def balanced(self) -> bool:
        return self.read == self.loaded + self.quarantined_total + self.duplicates + self.out_of_scope_total


class Ledger:
    """Per-file counts and quarantined rows of the sources run so far."""

    def __init__(self) -> None:
        self.files: dict[tuple[str, str], FileStats] = {}
        self._rows: list[dict] = []

    def stats(self, source: str, file: str) -> FileStats:
        return self.files.setdefault((source, file), FileStats(source, file))

    def account(self, source: str, file: str, rows: pd.DataFrame) -> None:
        """Count a file's ledger rows (columns line, record_key, raw_values, reason, status) and keep
        the quarantined ones."""
        st = self.stats(source, file)
        for row in rows.astype(object).where(rows.notna(), None).to_dict("records"):
            st.read += 1
            status = row.pop("status")
            if status == "loaded":
                st.loaded += 1
            elif status == "duplicate":
                st.duplicates += 1
            elif status == "outside":
                st.out_of_scope[row["reason"]] += 1
            else:
                st.quarantined[row["reason"]] += 1
                self._rows.append({"source": source, "source_file": file, **row})

    def quarantine_frame(self) -> pd.DataFrame:
        """Every quarantined row, ordered by source, file and line (rows without one last, in their order)."""
        frame = pd.DataFrame(self._rows, columns=QUARANTINE_COLUMNS)
        frame["line"] = frame["line"].astype("Int64")
        return frame.sort_values(["source", "source_file", "line"], kind="stable", na_position="last",
                                 ignore_index=True)

    def unbalanced(self) -> list[FileStats]:
        return [st for st in self.files.values() if not st.balanced]


@dataclass(frozen=True)
class Source:
    """A source's models, run alone on a folder of its files, with its rows accounted in a Ledger."""

    sql: SqlSource

    @property
    def SOURCE(self) -> str:  # noqa: N802 - the name the tests and the fault corpus know a source by
        return self.sql.folder

    @property
    def FILES(self) -> list[str]:  # noqa: N802
        return [f.file for f in self.sql.files]

    @property
    def files(self) -> tuple:
        return self.sql.files

    def run(self, folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
        """The source's `int_<source>__*` tables by kind ("values", "treaties"…) and its rows with what
        became of them as "ledger" (source_ledger); its rows counted in `ledger`."""
        tables = run_alone(self.sql.folder, folder)
        rows = tables["ledger"] = source_ledger(self.sql, tables).sort_values("line", kind="stable")
        for file in self.FILES:
            ledger.account(self.SOURCE, file, rows.loc[rows["source_file"] == file,
                                                       ["line", "record_key", "raw_values", "reason", "status"]])
        return tables


def source_ledger(source: SqlSource, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every row of a source's files with what became of it (source_file, line, record_key, raw_values,
    reason, status), from `tables` as run_alone returns them: each file's ledger model, named after its
    table (raw_<source>__<table>), or the source's one ledger model for all its files ("files"), whose
    rows name their file, as int_ledger reads them."""
    names = {"_line": "line", "_record_key": "record_key", "_raw_values": "raw_values", "_reason": "reason",
             "_status": "status"}
    parts = [tables[raw.table.split("__", 1)[1]].assign(_file=raw.file)
             for raw in source.files if raw.table.split("__", 1)[1] in tables]
    if "files" in tables:
        parts.append(tables["files"])
    return pd.concat([p[["_file", *names]] for p in parts], ignore_index=True).rename(
        columns={"_file": "source_file", **names})


def sql_source(folder: str) -> Source:
    """The source of a folder name."""
    return next(s for s in all_sources() if s.SOURCE == folder)


def all_sources() -> list[Source]:
    return [Source(s) for s in sql_sources()]


def read_csv(path: Path, required: Sequence[str] = (), header_rows: int = 1) -> pd.DataFrame:
    """A file as land_csv lands it, as a frame of text columns and `_line`."""
    with duckdb.connect() as con:
        land_csv(con, path, "t", required, header_rows)
        return con.sql('SELECT * FROM "t" ORDER BY _line').df()
