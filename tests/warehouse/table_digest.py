"""Digests of a warehouse's tables: a row count and a checksum per column, rows in a canonical order.

Floats are compared to 9 significant digits (a rewrite of the ETL may add in another order). The
committed `golden_digests.json` is the reviewed warehouse: first taken from the ETL's earlier Python
engine, then taken again only when figures changed on purpose (each time with the differences read
and named in the commit). `python -m tests.warehouse.table_digest DB` prints a warehouse's digests in that form.
"""
from __future__ import annotations

import hashlib
import json
import math
import sys
from pathlib import Path

import duckdb

# Bookkeeping that differs from run to run by design (times, run ids, digests of the code).
SKIPPED_TABLES = {"etl_runs"}


def _text(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else f"{value:.9g}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_text(v) for v in value) + "]"
    return str(value)


def table_digests(db: Path) -> dict[str, dict]:
    """{table: {"rows": n, "order": ["column TYPE", ...], "columns": {column: sha256 of its values in canonical row order}}}."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name").fetchall()]
        out = {}
        for table in tables:
            if table in SKIPPED_TABLES:
                continue
            types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?",
                                     [table]).fetchall())
            cur = con.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cur.description]
            rows = sorted(tuple(_text(v) for v in row) for row in cur.fetchall())
            columns = {}
            for i, name in enumerate(names):
                h = hashlib.sha256()
                for row in rows:
                    h.update(row[i].encode("utf-8", "surrogatepass") + b"\x1f")
                columns[name] = h.hexdigest()[:16]
            out[table] = {"rows": len(rows), "order": [f"{n} {types[n]}" for n in names], "columns": columns}
        return out
    finally:
        con.close()


def differences(got: dict[str, dict], want: dict[str, dict]) -> list[str]:
    """One line per table or column that differs."""
    lines = []
    for table in sorted(set(got) | set(want)):
        if table not in got or table not in want:
            lines.append(f"{table}: {'missing' if table not in got else 'not expected'}")
            continue
        g, w = got[table], want[table]
        if g["rows"] != w["rows"]:
            lines.append(f"{table}: {g['rows']} rows, expected {w['rows']}")
        if g["order"] != w["order"]:
            lines.append(f"{table}: columns {g['order']}, expected {w['order']}")
        for col in w["columns"]:
            if col in g["columns"] and g["columns"][col] != w["columns"][col]:
                lines.append(f"{table}.{col}: values differ")
    return lines


if __name__ == "__main__":
    print(json.dumps(table_digests(Path(sys.argv[1])), indent=1, sort_keys=True))
