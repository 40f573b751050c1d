"""Accounting for every input row: read = loaded + quarantined + duplicates, per source file."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Collection, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from etl import duck


class EtlError(Exception):
    """A fatal input problem, reported as one line naming the file and the column or line."""

    def __init__(self, path: object, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message


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

_IS_NONE = np.frompyfunc(lambda v: v is None or v is pd.NA, 1, 1)  # to_dict gave None for both


def _json_records(rows: pd.DataFrame, columns: list[str]) -> list[str]:
    """Each row as the JSON object json.dumps gives for {column: text}, built a column at a time.

    Each distinct value is encoded once: quarantined rows repeat their values a lot, and a dict
    and a dumps call per row took most of a large build's quarantine time.
    """
    if not columns:
        return ["{}"] * len(rows)
    parts = []
    for k in columns:
        values = rows[k].to_numpy(dtype=object)
        values = np.where(_IS_NONE(values).astype(bool), "", values) if len(values) else values
        codes, uniques = pd.factorize(values, use_na_sentinel=False)  # None is "", NaN stays "nan" as before
        encoded = [json.dumps(str(v), ensure_ascii=False) for v in uniques]
        name = json.dumps(str(k), ensure_ascii=False) + ": "
        parts.append(name + pd.Series(np.asarray(encoded, dtype=object)[codes], index=rows.index, dtype=object))
    joined = parts[0].str.cat(parts[1:], sep=", ") if len(parts) > 1 else parts[0]
    return ("{" + joined + "}").tolist()


# to_json writes some control characters as \u001F where json.dumps writes \u001f: rows with
# any \u00 escape are encoded by _json_records instead (rare: a broken file, not a real label).
_STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default str dtype


def json_object_sql(aliases: Sequence[str], names: Sequence[str], prefix: str = "name") -> tuple[str, dict[str, str]]:
    """SQL for the JSON text json.dumps gives for {name: text} over `aliases`, and its named parameters.

    One concat() call: a chain of || builds every intermediate string and takes twice as long.
    Callers wrap it with `odd_json_is_null`.
    """
    if not aliases:
        return "'{}'", {}
    params = {f"{prefix}{i}": json.dumps(str(n), ensure_ascii=False) + ": " for i, n in enumerate(names)}
    parts = ", ', ', ".join(f"${prefix}{i}::VARCHAR, to_json({a})::VARCHAR" for i, a in enumerate(aliases))
    return f"concat('{{', {parts}, '}}')", params


def odd_json_is_null(column: str) -> str:
    """NULL where a JSON text has "\\u00" in it: a control character, which to_json escapes in upper
    case where json.dumps writes lower case (or a backslash before "u00" in the data). Rare, a
    broken file; the caller encodes those rows in Python. Use on a column of a subquery in FROM: as
    a scalar subquery DuckDB evaluates it row by row, three times slower."""
    return f"CASE WHEN contains({column}, '\\u00') THEN NULL ELSE {column} END"


def _json_records_duckdb(rows: pd.DataFrame, columns: list[str]) -> pd.Series:
    """The same JSON texts as _json_records, built by DuckDB: quarantining millions of rows stays in C.

    Only for text columns without missing values (what the readers give); anything else, and any
    row with a backslash-u00 escape (see odd_json_is_null), goes through _json_records.
    """
    texts = [rows[k] for k in columns]
    if not columns or not all(isinstance(t.dtype, pd.StringDtype) and not t.isna().any() for t in texts):
        return pd.Series(_json_records(rows, columns), index=rows.index, dtype=object)
    frame = pa.table({f"c{i}": pa.array(t.array) for i, t in enumerate(texts)})
    # Column names reach the SQL only as parameters; c0, c1... are ours.
    json_sql, params = json_object_sql([f"c{i}" for i in range(len(columns))], columns)
    con = duck.cursor()
    try:
        con.register("q_rows", frame)
        table = con.sql(f"SELECT {odd_json_is_null('j')} AS j FROM (SELECT {json_sql} AS j FROM q_rows)",
                        params=params).to_arrow_table()
    finally:
        con.close()
    out = pd.Series(pd.arrays.ArrowStringArray(table.column("j"), dtype=_STR), index=rows.index)
    odd_rows = out.isna()
    if odd_rows.any():
        out = out.astype(object)
        out[odd_rows] = _json_records(rows.loc[odd_rows], columns)
        out = out.astype(str)
    return out


def _text(values: pd.Series | pa.ChunkedArray | pa.Array) -> pd.Series | pa.ChunkedArray:
    """Text as Arrow large_string (from pandas), or as pandas' str Series (from Arrow), without a copy where possible."""
    if isinstance(values, pd.Series):
        if isinstance(values.array, pd.arrays.ArrowStringArray):
            return pa.chunked_array(pa.array(values.array)).cast(pa.large_string())
        return pa.array(values.astype(str).to_numpy(dtype=object), type=pa.large_string())
    return pd.Series(pd.arrays.ArrowStringArray(values.cast(pa.large_string()), dtype=_STR))


def _line_order(lines: pa.ChunkedArray) -> np.ndarray | None:
    """Positions that sort rows by line, rows without a line last, ties in their order (stable);
    None if they are in that order already (the usual case: a check quarantines in file order)."""
    values = lines.fill_null(np.iinfo(np.int64).max).to_numpy()
    if len(values) < 2 or bool(np.all(values[1:] >= values[:-1])):
        return None
    return np.argsort(values, kind="stable")


QUARANTINE_COLUMNS = ["source", "source_file", "line", "record_key", "raw_values", "reason"]


class Ledger:
    """Collects per-file counts and quarantined rows while adapters run.

    Adapters call `read` once per file with the number of data rows, then account for
    every one of them with `loaded`, `duplicates` or `quarantine`.
    """

    def __init__(self) -> None:
        self.files: dict[tuple[str, str], FileStats] = {}
        self._chunks: list[tuple[str, str, pa.Table]] = []  # (source, file, rows), each in line order

    def absorb(self, other: Ledger) -> None:
        """Take over another ledger's counts and quarantined rows (an adapter run on its own ledger)."""
        for key, st in other.files.items():
            if key in self.files:
                raise ValueError(f"two ledgers account for {key}")
            self.files[key] = st
        self._chunks.extend(other._chunks)

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
        from etl.readers import join_columns  # readers imports this module

        reasons = reason if isinstance(reason, pd.Series) else pd.Series(reason, index=rows.index)
        reasons = reasons.loc[rows.index].astype(str)
        if outside_scope:
            aside = reasons.isin(list(outside_scope))
            if aside.any():
                self.set_aside(source, file, reasons[aside].value_counts().to_dict())
                rows, reasons = rows.loc[~aside], reasons[~aside]
                if rows.empty:
                    return
        raw_cols = [c for c in rows.columns if not str(c).startswith("_")]
        raw = _json_records_duckdb(rows, raw_cols)
        if key_columns:
            keys = join_columns(rows, key_columns, "|").astype(str)
        else:
            keys = pd.Series("", index=rows.index, dtype=str)
        if "_line" in rows.columns and pd.api.types.is_integer_dtype(rows["_line"].dtype):
            lines = pa.array(rows["_line"].to_numpy(dtype="int64"))
        elif "_line" in rows.columns:
            lines = pa.array(pd.array(rows["_line"].to_numpy(dtype=object), dtype="Int64"), type=pa.int64())
        else:
            lines = pa.nulls(len(rows), pa.int64())
        self._chunks.append((source, file, pa.table({
            "line": lines,
            "record_key": _text(keys),
            "raw_values": _text(raw),
            "reason": _text(reasons),
        })))
        counts = self.stats(source, file).quarantined
        for r, n in reasons.value_counts().items():
            counts[str(r)] += int(n)

    def set_aside(self, source: str, file: str, counts: dict[str, int]) -> None:
        """Count rows left out because they are about countries outside the dashboard's scope, per reason.

        They are sound data, not defects: at world scale they would be most of the quarantine
        (and of the warehouse) while telling a reader nothing a count does not.
        """
        for r, n in counts.items():
            self.stats(source, file).out_of_scope[str(r)] += int(n)

    def quarantine_table(self, source: str, file: str, table: pa.Table) -> None:
        """Quarantined rows built in DuckDB (etl.sqlrows), in line order: line, record_key, raw_values, reason."""
        if not table.num_rows:
            return
        self._chunks.append((source, file, pa.table({
            "line": table.column("line").cast(pa.int64()),
            **{c: table.column(c).cast(pa.large_string()) for c in ("record_key", "raw_values", "reason")},
        })))
        counts = self.stats(source, file).quarantined
        for item in table.column("reason").value_counts().to_pylist():
            counts[str(item["values"])] += int(item["counts"])

    def quarantine_frame(self) -> pd.DataFrame:
        """Every quarantined row, ordered by source, file and line (the order the warehouse stores).

        Rows of one file keep the order of the steps that quarantined them where lines tie (rows
        without one). Source and file are categorical: millions of rows repeat a few names.
        """
        if not self._chunks:
            return pd.DataFrame({c: pd.Series(dtype="object") for c in QUARANTINE_COLUMNS}).astype(
                {"line": "Int64"}
            )
        groups: dict[tuple[str, str], list[pa.Table]] = {}
        for source, file, table in self._chunks:
            groups.setdefault((source, file), []).append(table)
        keys = sorted(groups)
        tables, group_codes = [], []
        for code, key in enumerate(keys):
            table = pa.concat_tables(groups[key])
            order = _line_order(table.column("line"))
            if order is not None:
                table = table.take(order)
            tables.append(table)
            group_codes.append(np.full(table.num_rows, code, dtype=np.int32))
        table = pa.concat_tables(tables)
        codes = np.concatenate(group_codes)
        sources = sorted({s for s, _ in keys})
        files = sorted({f for _, f in keys})
        source_codes = np.array([sources.index(s) for s, _ in keys], dtype=np.int32)[codes]
        file_codes = np.array([files.index(f) for _, f in keys], dtype=np.int32)[codes]
        return pd.DataFrame(
            {
                "source": pd.Categorical.from_codes(source_codes, categories=sources),
                "source_file": pd.Categorical.from_codes(file_codes, categories=files),
                "line": table.column("line").to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get),
                "record_key": _text(table.column("record_key")),
                "raw_values": _text(table.column("raw_values")),
                "reason": _text(table.column("reason")),
            }
        )

    def stats_frame(self) -> pd.DataFrame:
        """One row per (source, file, reason) with the counts; reason is '' for the totals row."""
        rows = []
        for st in self.files.values():
            rows.append(
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
            )
        return pd.DataFrame(
            rows,
            columns=[
                "source",
                "source_file",
                "rows_read",
                "rows_loaded",
                "rows_quarantined",
                "rows_duplicate",
                "rows_out_of_scope",
                "quarantine_reasons",
                "out_of_scope_reasons",
            ],
        )

    def unbalanced(self) -> list[FileStats]:
        return [st for st in self.files.values() if not st.balanced]
