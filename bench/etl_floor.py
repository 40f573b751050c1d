"""The ETL's floor: the time DuckDB alone takes to read every input file of a build, in one process.

Run: python -m bench.etl_floor DIR. Each CSV is read whole into a table as text (as the ETL reads
it), the GeoJSON with read_json; prints the seconds taken and the rows read.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import duckdb

from etl.land import source_inputs


def read_all(sources: Path) -> tuple[float, int]:
    """Seconds to read every input file under `sources` with DuckDB, and the rows read."""
    files = sorted(source_inputs(sources).values())
    con = duckdb.connect()
    t0 = time.perf_counter()
    rows = 0
    for path in files:
        if path.suffix == ".geojson":
            sql = "CREATE OR REPLACE TEMP TABLE t AS SELECT * FROM read_json(?)"
        else:
            sql = "CREATE OR REPLACE TEMP TABLE t AS SELECT * FROM read_csv(?, all_varchar = true, header = true)"
        con.execute(sql, [str(path)])
        rows += con.execute("SELECT count(*) FROM t").fetchone()[0]
    return time.perf_counter() - t0, rows


if __name__ == "__main__":
    seconds, rows = read_all(Path(sys.argv[1]))
    print(f"{seconds:.3f} {rows}")
