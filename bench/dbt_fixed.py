"""dbt's fixed cost per node: a throwaway dbt-duckdb project of N trivial models and N tests, run in-process.

Run: python -m bench.dbt_fixed [N ...] (default 10 and 110: 220 nodes, as many as a build's 221). Each model is a one-row table reading the
previous one, each test a `not_null` on it, on an in-memory DuckDB with one thread, as the ETL runs
dbt (etl/models.py: parsed once, then `build` with that manifest). The SQL takes microseconds, so
what a `build` costs here is dbt's own work per node: compiling, its events, the adapter's
statements (a transaction, a rename, a drop per table). Prints wall and CPU seconds of the second
`build` (the first pays for imports and caches) and milliseconds per node.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def project(root: Path, n: int) -> None:
    """Write the project: models m0..m{n-1} (table) and one not_null test each."""
    (root / "models").mkdir(parents=True)
    (root / "dbt_project.yml").write_text(
        "name: fixed\nversion: '1.0'\nconfig-version: 2\nprofile: fixed\n"
        "flags:\n  send_anonymous_usage_stats: false\nmodels:\n  fixed:\n    +materialized: table\n")
    (root / "profiles.yml").write_text(
        "fixed:\n  target: t\n  outputs:\n    t:\n      type: duckdb\n      path: ':memory:'\n      threads: 1\n")
    schema = ["version: 2", "models:"]
    for i in range(n):
        (root / "models" / f"m{i}.sql").write_text("SELECT 1 AS x" if i == 0 else f"SELECT x FROM {{{{ ref('m{i - 1}') }}}}")
        schema += [f"  - name: m{i}", "    columns:", "      - name: x", "        data_tests: [not_null]"]
    (root / "models" / "schema.yml").write_text("\n".join(schema) + "\n")


def measure(n: int) -> tuple[float, float]:
    """Wall and CPU seconds of a second in-process `dbt build` of the N-model project."""
    from dbt.cli.main import dbtRunner

    with tempfile.TemporaryDirectory(prefix="gcm-dbt-fixed-") as tmp:
        root = Path(tmp)
        project(root, n)
        args = ["--quiet", "--log-level", "none", "--log-level-file", "none", "--no-write-json",
                "--project-dir", str(root), "--profiles-dir", str(root),
                "--target-path", str(root / "target"), "--log-path", str(root / "logs")]
        parsed = dbtRunner().invoke(["parse", *args]).result
        for _ in range(2):
            wall, cpu = time.perf_counter(), time.process_time()
            res = dbtRunner(manifest=parsed).invoke(["build", *args])
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if not res.success:
                raise RuntimeError(f"dbt build failed: {res.exception}")
    return wall, cpu


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [10, 110]:
        wall, cpu = measure(n)
        print(f"{n} models + {n} tests: {wall:.1f} s wall, {cpu:.1f} s CPU, "
              f"{1000 * wall / (2 * n):.0f} ms wall and {1000 * cpu / (2 * n):.0f} ms CPU per node")
