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
from typing import Callable, Collection, Iterable, Sequence

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from etl import duck
from etl.ledger import Ledger, _json_records, json_object_sql, odd_json_is_null

CONFLICT = "conflicting duplicate: same key with different values"
STR = pd.StringDtype("pyarrow", na_value=np.nan)
_ids = itertools.count()


class SqlRows:
    """One file's rows (after read_source) in DuckDB: parse, check, quarantine, then fetch the good rows.

    Use as a context manager. `lookup` adds columns derived from each distinct value of a raw
    column; `check` quarantines the rows a rule holds for (the first rule that holds gives the
    reason, as "later assignments win" does in the pandas adapters); `conflicts` quarantines
    rows whose key repeats with different values; `fetch` returns the rows left, in file order.
    Until `settle`, no step copies the rows: each query reads the registered Arrow table through a
    view of it and the lookups, filtered by the conditions of the steps before it.
    """

    def __init__(self, frame: pd.DataFrame, ledger: Ledger, source: str, file: str):
        self.ledger, self.source, self.file = ledger, source, file
        self.raw_columns = [c for c in frame.columns if not str(c).startswith("_")]
        self.alias = {c: f"c{i}" for i, c in enumerate(self.raw_columns)}
        self._id = next(_ids)
        self.con = duck.cursor()
        arrays = {self.alias[c]: _text_array(frame[c]) for c in self.raw_columns}
        arrays["_line"] = pa.array(frame["_line"].to_numpy(dtype="int64"))
        self._rows = self._name("rows")
        self.con.register(self._rows, pa.table(arrays))
        self._lookups: list[tuple[str, str, list[str]]] = []
        self._view: str | None = None
        self._kept: list[str] = []  # conditions a row meets while no step has quarantined it
        self._params: dict[str, str] = {}

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
        whose column names (ours, valid SQL names) become columns of the rows.
        """
        if self._view is not None:
            raise RuntimeError("lookups come before the first check")
        alias = self.alias[column]
        distinct = self.con.sql(f"SELECT DISTINCT {alias} AS v FROM {self._rows}").to_arrow_table()
        texts = pd.Series(pd.arrays.ArrowStringArray(distinct.column("v").cast(pa.large_string()), dtype=STR))
        derived = derive(texts).reset_index(drop=True)
        if len(derived) != len(texts):
            raise ValueError("a lookup must give one row per distinct value")
        name = self._name(f"lookup{len(self._lookups)}")
        table = pa.Table.from_pandas(derived, preserve_index=False).append_column("v", distinct.column("v"))
        self.con.register(name, table)
        self._lookups.append((name, alias, list(derived.columns)))

    def _base(self) -> str:
        if self._view is None:
            select = ["r.*"] + [f'{name}."{c}"' for name, _, cols in self._lookups for c in cols]
            joins = " ".join(f"LEFT JOIN {name} ON {name}.v = r.{alias}" for name, alias, _ in self._lookups)
            self._view = self._name("view")
            self.con.execute(f"CREATE TEMP VIEW {self._view} AS SELECT {', '.join(select)} FROM {self._rows} r {joins}")
        return self._view

    def _sql(self, query: str, params: dict[str, object] | None = None) -> duckdb.DuckDBPyRelation:
        """`query` with the named parameters it uses (DuckDB refuses any it does not)."""
        given = self._params | (params or {})
        return self.con.sql(query, params={k: given[k] for k in set(re.findall(r"\$(\w+)", query))} or None)

    def _where(self, *more: str) -> str:
        return " AND ".join(f"({c})" for c in [*self._kept, *more]) or "true"

    def check(self, rules: Sequence[tuple[str, str]], key: Sequence[str] = (),
              outside_scope: Collection[str] = ()) -> None:
        """Quarantine each row for the first (condition, reason) of `rules` that holds for it.

        Conditions are SQL over raw aliases (see `col`) and looked-up columns; a condition that
        is NULL does not hold, as a comparison with NaN is False in pandas. Rows whose reason is
        one of `outside_scope` are counted (`Ledger.set_aside`), not copied.
        """
        if not rules:
            return
        step = next(_ids)
        case = "CASE " + " ".join(f"WHEN ({cond}) THEN $reason{step}_{i}" for i, (cond, _) in enumerate(rules)) + " END"
        self._params |= {f"reason{step}_{i}": reason for i, (_, reason) in enumerate(rules)}
        aside = [i for i, (_, reason) in enumerate(rules) if reason in set(outside_scope)]
        if aside:
            listed = ", ".join(f"$reason{step}_{i}" for i in aside)
            counts = self._sql(
                f"SELECT reason, count(*) FROM (SELECT {case} AS reason FROM {self._base()} WHERE {self._where()}) "
                f"WHERE reason IN ({listed}) GROUP BY reason"
            ).fetchall()
            self.ledger.set_aside(self.source, self.file, dict(counts))
            self._quarantine(self._where(f"{case} IS NOT NULL", f"{case} NOT IN ({listed})"), case, key)
        else:
            self._quarantine(self._where(f"{case} IS NOT NULL"), case, key)
        self._kept.append(f"{case} IS NULL")

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
            f"CREATE TEMP TABLE {shared} AS SELECT h FROM (SELECT {key_hash} AS h FROM {self._base()} "
            f"WHERE {self._where()}) GROUP BY h HAVING count(*) > 1"
        )
        if not self.con.sql(f"SELECT count(*) FROM {shared}").fetchall()[0][0]:
            return
        self._sql(
            f"CREATE TEMP TABLE {clashing} AS SELECT {', '.join(f'{e} AS k{i}' for i, e in enumerate(exprs))} "
            f"FROM {self._base()} WHERE {self._where(f'{key_hash} IN (SELECT h FROM {shared})')} "
            f"GROUP BY ALL HAVING count(*) > 1"
        )
        if not self.con.sql(f"SELECT count(*) FROM {clashing}").fetchall()[0][0]:
            return
        match = " AND ".join(f"{clashing}.k{i} IS NOT DISTINCT FROM ({e})" for i, e in enumerate(exprs))
        clash = f"EXISTS (SELECT 1 FROM {clashing} WHERE {match})"
        self._params["conflict"] = CONFLICT
        self._quarantine(self._where(clash), "$conflict", key)
        self._kept.append(f"NOT {clash}")

    def _quarantine(self, where: str, reason_sql: str, key: Sequence[str]) -> None:
        aliases = [self.alias[c] for c in self.raw_columns]
        json_sql, json_params = json_object_sql(aliases, self.raw_columns)
        key_sql = f"concat_ws('|', {', '.join(self.alias[k] for k in key)})" if key else "''"
        out = self._sql(
            f"""SELECT line, record_key, {odd_json_is_null("j")} AS raw_values, reason
                FROM (SELECT CAST(_line AS BIGINT) AS line, {key_sql} AS record_key, {json_sql} AS j,
                             ({reason_sql})::VARCHAR AS reason
                      FROM {self._base()} WHERE {where})
                ORDER BY line""",
            json_params,
        ).to_arrow_table()
        if not out.num_rows:
            return
        raw_values = out.column("raw_values")
        if raw_values.null_count:
            # The rare rows whose JSON DuckDB would write differently from json.dumps.
            lines = out.column("line").filter(raw_values.is_null()).to_pylist()
            odd = self.con.execute(
                f"SELECT _line, {', '.join(aliases)} FROM {self._rows} WHERE _line IN (SELECT unnest($lines))",
                {"lines": lines},
            ).df().set_index("_line").set_axis(self.raw_columns, axis=1)
            fixed = dict(zip(odd.index, _json_records(odd, self.raw_columns)))
            values = [v if v is not None else fixed[n] for v, n in zip(raw_values.to_pylist(), out.column("line").to_pylist())]
            out = out.set_column(out.schema.get_field_index("raw_values"), "raw_values", pa.array(values, pa.large_string()))
        self.ledger.quarantine_table(self.source, self.file, out)

    def fetch(self, columns: Sequence[str]) -> pd.DataFrame:
        """The rows not quarantined, in file order: `columns` are SQL expressions, each `AS` a name."""
        frame = self._sql(
            f"SELECT {', '.join(columns)} FROM {self._base()} WHERE {self._where()} ORDER BY _line"
        ).to_arrow_table().to_pandas()
        self.ledger.loaded(self.source, self.file, len(frame))
        return frame

    def key_column(self, name: str, sql: str) -> None:
        """Let `name` stand for `sql` (an expression over looked-up columns) in the keys of later steps.

        A key can then hold a derived value, as a pandas adapter's key holds a column it added
        (a citizenship code resolved from a name): `conflicts` compares it and the quarantine's
        record key shows it, where `key_sql` would compare it but record the raw text.
        """
        if name in self.alias:
            raise ValueError(f"{name!r} is a column already")
        self.alias[name] = sql

    def settle(self) -> None:
        """Copy the rows no step has quarantined, with their looked-up columns, to a table the later
        steps read.

        Every step reads the view again (each lookup joined to every row of the file) and tests
        the conditions of the steps before it: after checks that quarantine most of a file, the
        conflicts and the fetch then read the few rows left instead.
        """
        kept = self._name(f"kept{next(_ids)}")
        self._sql(f"CREATE TEMP TABLE {kept} AS SELECT * FROM {self._base()} WHERE {self._where()}")
        self._view, self._kept = kept, []


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


def _text_array(series: pd.Series) -> pa.Array:
    if isinstance(series.array, pd.arrays.ArrowStringArray):
        return pa.array(series.array)
    return pa.array(series.astype(str).to_numpy(dtype=object), type=pa.large_string())
