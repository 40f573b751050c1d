"""Accounting for every input row: read = loaded + quarantined + duplicates + outside the scope, per file.

The SQL models keep the ledger (etl/transform/macros/ledger.sql, int_ledger); this class holds it
for the tests that run one source alone (etl.land.run_alone) and the fault corpus.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from common.errors import EtlError  # noqa: F401 - the ETL's modules import it from here

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

    def account(self, source: str, file: str, rows: pa.Table) -> None:
        """Count a file's ledger rows (columns line, record_key, raw_values, reason, status) and keep
        the quarantined ones."""
        st = self.stats(source, file)
        for row in rows.to_pylist():
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
