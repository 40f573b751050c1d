"""Run the ETL's SQL macros (etl/transform/macros) on a list of texts, for tests: dbt compiles a query
over a table `texts (i, t)` that calls them, and DuckDB runs it."""
from __future__ import annotations

import os
import tempfile
from functools import lru_cache

import duckdb
import pandas as pd

from etl.models import cli_args, manifest


@lru_cache(maxsize=None)
def _compiled(inline: str) -> str:
    """SQL calling dbt macros, compiled by dbt itself (its Jinja has `return`, `adapter`…)."""
    from dbt.cli.main import dbtRunner

    parsed = manifest()
    with tempfile.TemporaryDirectory() as tmp:
        saved = {k: os.environ.get(k) for k in ("GCM_DBT_DATABASE", "GCM_DBT_STAGED")}
        os.environ.update(GCM_DBT_DATABASE=f"{tmp}/w.duckdb", GCM_DBT_STAGED=f"{tmp}/s.duckdb")
        try:
            duckdb.connect(f"{tmp}/s.duckdb").close()
            res = dbtRunner(manifest=parsed).invoke(["compile", "--inline", inline, *cli_args(tmp)])
        finally:
            for k, v in saved.items():
                os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    return res.result.results[0].node.compiled_code


def _run(select: str, texts: list) -> pd.DataFrame:
    """`SELECT <select> FROM texts ORDER BY i`, with dbt macros compiled, over `texts`."""
    sql = _compiled(f"SELECT {select} FROM texts ORDER BY i")
    con = duckdb.connect()
    try:
        con.register("texts", pd.DataFrame({"i": range(len(texts)), "t": pd.Series(texts, dtype=object)}))
        return con.execute(sql).df()
    finally:
        con.close()


def parse_texts(texts: list, low_year: int = 1900) -> pd.DataFrame:
    """Per text, in order: status, value and upper (parse_number) and year (parse_year from `low_year`)."""
    out = _run(f"{{{{ parse_number('t', 'n') }}}}, {{{{ parse_year('t', {int(low_year)}) }}}} AS year",
               [str(t) for t in texts])
    return out.rename(columns={"n_status": "status", "n_value": "value", "n_upper": "upper"})


def json_texts(texts: list[str]) -> list[str]:
    """Each text as ledger.sql's json_text macro writes it into a quarantined row's raw values."""
    return _run("{{ json_text('t') }} AS j", texts)["j"].tolist()


def parse_dates(texts: list[str]) -> list:
    """Each text as the Missing Migrants models read an incident date (a date, or None)."""
    out = _run("{{ mmp_parse_date('t') }} AS d", texts)["d"]
    return [None if pd.isna(d) else d.date() for d in out]
