"""Accounting for every input row: read = loaded + quarantined + duplicates + outside the scope, per file.

The SQL models keep their own ledger (etl/transform/macros/ledger.sql); this one serves the map
adapter, the submissions store and the tests that run one SQL source alone (etl.land.run_alone).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Collection

import pandas as pd
import pyarrow as pa

from common.errors import EtlError  # noqa: F401 - the ETL's modules import it from here


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


# The reason most sound rows about countries the dashboard does not cover are set aside under
# (`Ledger.set_aside`); sources with a second side to a row have their own reasons as well.
OUTSIDE_COUNTRY = "country outside the dashboard's scope"

QUARANTINE_COLUMNS = ["source", "source_file", "line", "record_key", "raw_values", "reason"]


def _raw_json(row: dict) -> str:
    """A quarantined row's raw cells as JSON text (a missing cell is "")."""
    return json.dumps({str(k): "" if v is None or v is pd.NA else str(v) for k, v in row.items()}, ensure_ascii=False)


class Ledger:
    """Collects per-file counts and quarantined rows while adapters run.

    Adapters call `read` once per file with the number of data rows, then account for
    every one of them with `loaded`, `duplicates`, `quarantine` or `set_aside`.
    """

    def __init__(self) -> None:
        self.files: dict[tuple[str, str], FileStats] = {}
        self._rows: list[dict] = []

    def stats(self, source: str, file: str) -> FileStats:
        key = (source, file)
        if key not in self.files:
            self.files[key] = FileStats(source, file)
        return self.files[key]

    def read(self, source: str, file: str, n: int) -> None:
        self.stats(source, file).read += int(n)

    def loaded(self, source: str, file: str, n: int) -> None:
        self.stats(source, file).loaded += int(n)

    def duplicates(self, source: str, file: str, n: int) -> None:
        self.stats(source, file).duplicates += int(n)

    def quarantine(
        self,
        source: str,
        file: str,
        rows: pd.DataFrame,
        reason: str | pd.Series,
        key_columns: list[str] | None = None,
        outside_scope: Collection[str] = (),
    ) -> None:
        """Quarantine `rows` (raw string columns plus `_line`) with one reason or a reason per row.

        Rows whose reason is one of `outside_scope` (sound rows about countries the dashboard does
        not cover) are counted with `set_aside` instead of copied.
        """
        if rows.empty:
            return
        reasons = reason if isinstance(reason, pd.Series) else pd.Series(reason, index=rows.index)
        reasons = reasons.loc[rows.index].astype(str)
        aside = reasons.isin(list(outside_scope))
        if aside.any():
            self.set_aside(source, file, reasons[aside].value_counts().to_dict())
        raw_cols = [c for c in rows.columns if not str(c).startswith("_")]
        lines = rows["_line"] if "_line" in rows.columns else pd.Series(None, index=rows.index)
        counts = self.stats(source, file).quarantined
        for i in rows.index[~aside]:
            record = rows.loc[i]
            self._rows.append({
                "source": source, "source_file": file,
                "line": None if pd.isna(lines[i]) else int(lines[i]),
                "record_key": "|".join(str(record[c]) for c in key_columns or []),
                "raw_values": _raw_json(record[raw_cols].to_dict()),
                "reason": reasons[i],
            })
            counts[reasons[i]] += 1

    def set_aside(self, source: str, file: str, counts: dict[str, int]) -> None:
        """Count rows left out because they are about countries outside the dashboard's scope, per reason.

        They are sound data, not defects: at world scale they would be most of the quarantine
        (and of the warehouse) while telling a reader nothing a count does not.
        """
        for r, n in counts.items():
            self.stats(source, file).out_of_scope[str(r)] += int(n)

    def quarantine_table(self, source: str, file: str, table: pa.Table) -> None:
        """Quarantined rows the SQL models found: columns line, record_key, raw_values, reason."""
        counts = self.stats(source, file).quarantined
        for row in table.to_pylist():
            self._rows.append({"source": source, "source_file": file, **row})
            counts[str(row["reason"])] += 1

    def quarantine_frame(self) -> pd.DataFrame:
        """Every quarantined row, ordered by source, file and line (rows without one last, in their order)."""
        frame = pd.DataFrame(self._rows, columns=QUARANTINE_COLUMNS)
        frame["line"] = frame["line"].astype("Int64")
        return frame.sort_values(["source", "source_file", "line"], kind="stable", na_position="last",
                                 ignore_index=True)

    def stats_frame(self) -> pd.DataFrame:
        """One row per file with its counts, and the reasons as JSON objects."""
        return pd.DataFrame(
            [
                {
                    "source": st.source,
                    "source_file": st.file,
                    "rows_read": st.read,
                    "rows_loaded": st.loaded,
                    "rows_quarantined": st.quarantined_total,
                    "rows_duplicate": st.duplicates,
                    "rows_out_of_scope": st.out_of_scope_total,
                    "quarantine_reasons": json.dumps(dict(sorted(st.quarantined.items())), ensure_ascii=False),
                    "out_of_scope_reasons": json.dumps(dict(sorted(st.out_of_scope.items())), ensure_ascii=False),
                }
                for st in self.files.values()
            ],
            columns=["source", "source_file", "rows_read", "rows_loaded", "rows_quarantined", "rows_duplicate",
                     "rows_out_of_scope", "quarantine_reasons", "out_of_scope_reasons"],
        )

    def unbalanced(self) -> list[FileStats]:
        return [st for st in self.files.values() if not st.balanced]
