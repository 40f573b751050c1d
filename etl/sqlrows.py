"""Row checks in DuckDB, for the sources with millions of rows.

An adapter that reads a large file hands its rows to `SqlRows` and states its checks as SQL
conditions, strongest first. Each value is parsed once per distinct text by the same Python
parsers every adapter uses (`lookup`), so a `<5`, a `2,386` or a `2011.0` means the same here
as anywhere else; what runs per row (joins, conditions, the quarantine's JSON) runs in DuckDB,
in parallel and without a Python object per cell.

Nothing from a file reaches the SQL text: columns are addressed by our own aliases (c0, c1...),
and column names, reasons and codes are bound as parameters or registered as tables.
"""
from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Callable, Collection, Iterable, Sequence

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from etl import duck
from etl.ledger import Ledger, _json_records, json_object_sql, odd_json_is_null
from etl.readers import read_counted

CONFLICT = "conflicting duplicate: same key with different values"
STR = pd.StringDtype("pyarrow", na_value=np.nan)
_ids = itertools.count()


class SqlRows:
    """One file's rows (after read_source) in DuckDB: parse, check, quarantine, then fetch the good rows.

    Use as a context manager. `lookup` adds columns derived from each distinct value of a raw
    column; `check` quarantines the rows a rule holds for (the first rule that holds gives the
    reason, as "later assignments win" does in the pandas adapters); `conflicts` quarantines
    rows whose key repeats with different values; `fetch` returns the rows left, in file order.

    No step copies the rows. Each reads the registered Arrow table through a view that joins the
    lookups and keeps the rows still alive (a boolean column, replaced as steps drop rows), and
    returns only what it found: positions and reasons. Only the few quarantined rows are then
    taken from the table to write their JSON.
    """

    def __init__(self, frame: pd.DataFrame, ledger: Ledger, source: str, file: str, keep: np.ndarray | None = None):
        self.ledger, self.source, self.file = ledger, source, file
        self.raw_columns = [c for c in frame.columns if not str(c).startswith("_")]
        self.alias = {c: f"c{i}" for i, c in enumerate(self.raw_columns)}
        self._id = next(_ids)
        self.con = duck.cursor()
        arrays = {self.alias[c]: _text_array(frame[c]) for c in self.raw_columns}
        arrays["_line"] = pa.array(frame["_line"].to_numpy(dtype="int64"))
        arrays["_pos"] = pa.array(np.arange(len(frame), dtype=np.int64))
        self._alive = np.ones(len(frame), dtype=bool) if keep is None else np.array(keep, dtype=bool)
        arrays["_alive"] = pa.array(self._alive)
        self._rows = self._name("rows")
        self._table = pa.table(arrays)
        self.con.register(self._rows, self._table)
        self._lookups: list[tuple[str, str, list[str]]] = []
        self._view: str | None = None

    @classmethod
    def read(cls, path: Path, required: Sequence[str], ledger: Ledger, source: str) -> SqlRows:
        """A file's rows as `read_source` gives them (counted as read, overlong cells quarantined,
        exact duplicates counted), except that duplicates are left out of every step rather than
        copied away: dropping a few rows from a file of millions copied all the others."""
        frame, duplicate = read_counted(path, required, ledger, source)
        return cls(frame, ledger, source, Path(path).name, keep=~duplicate)

    def __enter__(self) -> SqlRows:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _name(self, what: str) -> str:
        return f"sqlrows_{self._id}_{what}"

    def col(self, name: str) -> str:
        """The SQL name of the raw column `name` (as text, stripped, never NULL)."""
        return self.alias[name]

    def lookup(self, column: str, derive: Callable[[pd.Series], pd.DataFrame]) -> None:
        """Columns `derive` computes from each distinct text of `column`, joined to every row.

        `derive` gets the distinct texts as a str Series and returns a frame of the same length
        whose column names (ours, valid SQL names) become columns of the rows. Rows and lookups
        are joined on the text's position among the distinct texts, an integer: every later step
        joins them again, and joining on the text itself cost most of each step at 100x.
        """
        if self._view is not None:
            raise RuntimeError("lookups come before the first check")
        texts, positions = _encode(self._table.column(self.alias[column]))
        derived = derive(pd.Series(pd.arrays.ArrowStringArray(texts.cast(pa.large_string()), dtype=STR)))
        derived = derived.reset_index(drop=True)
        if len(derived) != len(texts):
            raise ValueError("a lookup must give one row per distinct value")
        name, key = self._name(f"lookup{len(self._lookups)}"), f"_k{len(self._lookups)}"
        self._table = self._table.append_column(key, positions)
        self.con.register(self._rows, self._table)
        table = pa.Table.from_pandas(derived, preserve_index=False)
        self.con.register(name, table.append_column("k", pa.array(np.arange(len(texts), dtype=np.int32))))
        self._lookups.append((name, key, list(derived.columns)))

    def _joined(self, table: str) -> str:
        """SQL of the rows of `table` (ours or a subset of it) with their looked-up columns."""
        select = ["r.*"] + [f'{name}."{c}"' for name, _, cols in self._lookups for c in cols]
        joins = " ".join(f"LEFT JOIN {name} ON {name}.k = r.{key}" for name, key, _ in self._lookups)
        return f"SELECT {', '.join(select)} FROM {table} r {joins}"

    def _base(self) -> str:
        """The view of the rows still alive, with their looked-up columns."""
        if self._view is None:
            self._view = self._name("view")
            self.con.execute(f"CREATE TEMP VIEW {self._view} AS {self._joined(self._rows)} WHERE r._alive")
        return self._view

    def _sql(self, query: str, params: dict[str, object] | None = None) -> duckdb.DuckDBPyRelation:
        """`query` with the named parameters it uses (DuckDB refuses any it does not)."""
        given = params or {}
        return self.con.sql(query, params={k: given[k] for k in set(re.findall(r"\$(\w+)", query))} or None)

    def _drop(self, positions: np.ndarray) -> None:
        """Rows no later step reads."""
        if not len(positions):
            return
        self._alive[positions] = False
        self._table = self._table.set_column(self._table.schema.get_field_index("_alive"), "_alive", pa.array(self._alive))
        self.con.register(self._rows, self._table)

    def check(self, rules: Sequence[tuple[str, str]], key: Sequence[str] = (),
              outside_scope: Collection[str] = ()) -> None:
        """Quarantine each row for the first (condition, reason) of `rules` that holds for it.

        Conditions are SQL over raw aliases (see `col`) and looked-up columns; a condition that
        is NULL does not hold, as a comparison with NaN is False in pandas. Rows whose reason is
        one of `outside_scope` are counted (`Ledger.set_aside`), not copied.
        """
        if not rules:
            return
        case = "CASE " + " ".join(f"WHEN ({cond}) THEN {i}" for i, (cond, _) in enumerate(rules)) + " END"
        found = self._sql(
            f"SELECT _pos, rule FROM (SELECT _pos, {case} AS rule FROM {self._base()}) WHERE rule IS NOT NULL"
        ).to_arrow_table()
        positions = found.column("_pos").to_numpy()
        rule = found.column("rule").to_numpy().astype(np.int64)
        reasons = np.array([reason for _, reason in rules], dtype=object)
        aside = np.isin(reasons, list(outside_scope))
        if aside.any():
            counts: dict[str, int] = {}
            for i, n in enumerate(np.bincount(rule, minlength=len(rules))):
                if aside[i] and n:
                    counts[reasons[i]] = counts.get(reasons[i], 0) + int(n)
            self.ledger.set_aside(self.source, self.file, counts)
        bad = ~aside[rule]
        # In file order: only the quarantined rows are sorted (the flagged ones can be millions).
        order = np.argsort(positions[bad], kind="stable")
        self._quarantine(positions[bad][order], reasons[rule[bad]][order], key)
        self._drop(positions)

    def conflicts(self, key: Sequence[str], key_sql: Sequence[str] | None = None) -> None:
        """Quarantine every row whose key appears more than once (exact duplicates are gone already).

        `key` names raw columns; `key_sql`, if given, are the SQL expressions to compare instead
        (a derived code, say), while the quarantine's record key still joins the raw `key` columns.
        """
        exprs = list(key_sql) if key_sql is not None else [self.alias[k] for k in key]
        # Grouping millions of keys of several text columns is slow; grouping their hashes is not.
        # Only rows whose key hash repeats (conflicts, and the rare collision) are grouped exactly.
        step = next(_ids)
        shared, clashing = self._name(f"hashes{step}"), self._name(f"clash{step}")
        key_hash = f"hash({', '.join(f'({e})' for e in exprs)})"
        self._sql(
            f"CREATE TEMP TABLE {shared} AS SELECT h FROM (SELECT {key_hash} AS h FROM {self._base()}) "
            f"GROUP BY h HAVING count(*) > 1"
        )
        if not self.con.sql(f"SELECT count(*) FROM {shared}").fetchall()[0][0]:
            return
        candidates = f"{self._base()} WHERE {key_hash} IN (SELECT h FROM {shared})"
        self._sql(
            f"CREATE TEMP TABLE {clashing} AS SELECT {', '.join(f'{e} AS k{i}' for i, e in enumerate(exprs))} "
            f"FROM {candidates} GROUP BY ALL HAVING count(*) > 1"
        )
        if not self.con.sql(f"SELECT count(*) FROM {clashing}").fetchall()[0][0]:
            return
        match = " AND ".join(f"{clashing}.k{i} IS NOT DISTINCT FROM ({e})" for i, e in enumerate(exprs))
        positions = self._sql(
            f"SELECT _pos FROM {candidates} AND EXISTS (SELECT 1 FROM {clashing} WHERE {match}) ORDER BY _pos"
        ).to_arrow_table().column("_pos").to_numpy()
        self._quarantine(positions, np.full(len(positions), CONFLICT, dtype=object), key)
        self._drop(positions)

    def _quarantine(self, positions: np.ndarray, reasons: np.ndarray, key: Sequence[str]) -> None:
        """Quarantine the rows at `positions` (in file order), each for its reason."""
        if not len(positions):
            return
        subset = self._name(f"quarantined{next(_ids)}")
        rows = self._table.take(pa.array(positions)).append_column("_reason", pa.array(reasons, pa.large_string()))
        self.con.register(subset, rows)
        aliases = [self.alias[c] for c in self.raw_columns]
        json_sql, json_params = json_object_sql(aliases, self.raw_columns)
        key_sql = f"concat_ws('|', {', '.join(self.alias[k] for k in key)})" if key else "''"
        try:
            out = self._sql(
                f"""SELECT line, record_key, {odd_json_is_null("j")} AS raw_values, reason
                    FROM (SELECT CAST(_line AS BIGINT) AS line, {key_sql} AS record_key, {json_sql} AS j,
                                 _reason AS reason
                          FROM ({self._joined(subset)}))
                    ORDER BY line""",
                json_params,
            ).to_arrow_table()
        finally:
            self.con.unregister(subset)
        raw_values = out.column("raw_values")
        if raw_values.null_count:
            # The rare rows whose JSON DuckDB would write differently from json.dumps.
            odd = rows.filter(pc.is_null(raw_values))
            frame = pd.DataFrame({c: odd.column(self.alias[c]).to_pylist() for c in self.raw_columns})
            fixed = iter(_json_records(frame, self.raw_columns))
            values = [v if v is not None else next(fixed) for v in raw_values.to_pylist()]
            out = out.set_column(out.schema.get_field_index("raw_values"), "raw_values", pa.array(values, pa.large_string()))
        self.ledger.quarantine_table(self.source, self.file, out)

    def fetch(self, columns: Sequence[str]) -> pd.DataFrame:
        """The rows not quarantined, in file order: `columns` are SQL expressions, each `AS` a name."""
        frame = self._sql(f"SELECT {', '.join(columns)} FROM {self._base()} ORDER BY _line").to_arrow_table().to_pandas()
        self.ledger.loaded(self.source, self.file, len(frame))
        return frame

    def sums(self, value: str, keys: Sequence[str], where: str = "true") -> pd.DataFrame:
        """Sum of `value` per group of `keys` over the rows not quarantined that meet `where`, as
        pandas' groupby(keys, as_index=False)[...].sum() over those rows in file order gives it:
        groups with a NULL key left out, sorted by key. `keys` are SQL expressions, each `AS` a
        name; the sum is the column `value`. Call `loaded` once the rows are used.

        Whole numbers below 2**53 add up to the same double in any order, so DuckDB sums them in
        parallel without moving the rows. A group holding anything else could differ in the last
        bit from one order to another: then the rows are fetched and pandas sums them all.
        """
        names = [k.rsplit(" AS ", 1)[1].strip('"') for k in keys]
        not_null = " AND ".join(f'({k.rsplit(" AS ", 1)[0]}) IS NOT NULL' for k in keys)
        grouped = self._sql(
            f"""SELECT {', '.join(keys)}, coalesce(sum(v), 0) AS value,
                       coalesce(bool_and(v = trunc(v)), true) AND coalesce(sum(abs(v)), 0) < 2 ** 53 AS exact
                FROM (SELECT *, {value} AS v FROM {self._base()} WHERE ({where}) AND {not_null})
                GROUP BY ALL ORDER BY ALL"""
        ).to_arrow_table().to_pandas()
        if grouped["exact"].all():
            return grouped.drop(columns="exact")
        rows = self._sql(
            f"SELECT {', '.join(keys)}, {value} AS value FROM {self._base()} WHERE ({where}) AND {not_null} ORDER BY _line"
        ).to_arrow_table().to_pandas()
        return rows.groupby(names, as_index=False)["value"].sum()

    def loaded(self) -> int:
        """Count the rows not quarantined as loaded (after `sums`, which fetches none), and return how many."""
        count = int(self._alive.sum())
        self.ledger.loaded(self.source, self.file, count)
        return count

    def key_column(self, name: str, sql: str) -> None:
        """Let `name` stand for `sql` (an expression over looked-up columns) in the keys of later steps.

        A key can then hold a derived value, as a pandas adapter's key holds a column it added
        (a citizenship code resolved from a name): `conflicts` compares it and the quarantine's
        record key shows it, where `key_sql` would compare it but record the raw text.
        """
        if name in self.alias:
            raise ValueError(f"{name!r} is a column already")
        self.alias[name] = sql


def count_rules(prefix: str = "n_") -> list[tuple[str, str]]:
    """Checks of a count parsed by parse_numbers (`{prefix}value`, `{prefix}status`), strongest first,
    for a source that publishes no censored cells: a `<5` there would be a corrupted file."""
    return [
        (f"{prefix}value < 0", "negative count"),
        (f"{prefix}status = 'suppressed'", "suppressed value (<5), not expected in this source"),
        (f"{prefix}status = 'invalid'", "non-numeric value"),
        (f"{prefix}status = 'missing'", "missing value"),
    ]


def codes(prefix: str, known: Iterable[str], **groups: Iterable[str]) -> Callable[[pd.Series], pd.DataFrame]:
    """A lookup for a column of country codes: `{prefix}code` (upper-cased), `{prefix}known`, and
    `{prefix}<group>` saying whether the code is in each of `groups`."""
    known, groups = list(known), {name: list(members) for name, members in groups.items()}

    def derive(texts: pd.Series) -> pd.DataFrame:
        code = texts.str.upper()
        out = {"code": code, "known": code.isin(known)} | {name: code.isin(m) for name, m in groups.items()}
        return pd.DataFrame(out).add_prefix(prefix)

    return derive


def _encode(column: pa.ChunkedArray) -> tuple[pa.Array, pa.ChunkedArray]:
    """The distinct texts of `column` and each row's position among them, in one hash pass.

    Arrow encodes a chunked column with one memo table, so each chunk's dictionary is the start of
    the last one's and every chunk's indices point into it; that is checked, and where it does not
    hold the dictionaries are unified. (unique then index_in took two passes; copying the column
    into one chunk first took longer than the encoding.)
    """
    encoded = pc.dictionary_encode(column)
    if encoded.num_chunks == 0:
        return pa.array([], pa.large_string()), pa.chunked_array([], pa.int32())
    texts = encoded.chunk(encoded.num_chunks - 1).dictionary
    if not all(chunk.dictionary.equals(texts.slice(0, len(chunk.dictionary))) for chunk in encoded.chunks):
        encoded = encoded.unify_dictionaries()
        texts = encoded.chunk(0).dictionary
    return texts, pa.chunked_array([chunk.indices for chunk in encoded.chunks], pa.int32())


def _text_array(series: pd.Series) -> pa.Array:
    if isinstance(series.array, pd.arrays.ArrowStringArray):
        return pa.array(series.array)
    return pa.array(series.astype(str).to_numpy(dtype=object), type=pa.large_string())
