"""Run the ETL's SQL parsing macros (etl/transform/macros/parsing.sql) on a list of texts, for tests."""
from __future__ import annotations

from functools import lru_cache

import duckdb
import pandas as pd
from jinja2 import Environment

from etl.models import PROJECT


@lru_cache(maxsize=None)
def _sql(low_year: int) -> str:
    macros = (PROJECT / "macros" / "parsing.sql").read_text()
    return Environment(extensions=["jinja2.ext.do"]).from_string(
        macros + "\nSELECT {{ parse_number('t', 'n') }}, {{ parse_year('t', " + str(int(low_year)) + ") }} AS year "
                 "FROM texts ORDER BY i").render()


def parse_texts(texts: list[str], low_year: int = 1900) -> pd.DataFrame:
    """Per text, in order: status, value and upper (parse_number) and year (parse_year from `low_year`)."""
    sql = _sql(low_year)
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE texts (i INTEGER, t VARCHAR)")
        con.register("given", pd.DataFrame({"i": range(len(texts)), "t": pd.Series([str(t) for t in texts], dtype=object)}))
        con.execute("INSERT INTO texts SELECT i, t FROM given")
        out = con.execute(sql).df()
    finally:
        con.close()
    return out.rename(columns={"n_status": "status", "n_value": "value", "n_upper": "upper"})


def json_texts(texts: list[str]) -> list[str]:
    """Each text as ledger.sql's json_text macro writes it into a quarantined row's raw values."""
    macros = (PROJECT / "macros" / "ledger.sql").read_text()
    sql = Environment(extensions=["jinja2.ext.do"]).from_string(
        macros + "\nSELECT {{ json_text('t') }} FROM texts ORDER BY i").render()
    con = duckdb.connect()
    try:
        con.register("given", pd.DataFrame({"i": range(len(texts)), "t": pd.Series(texts, dtype=object)}))
        return [r[0] for r in con.execute(f"WITH texts AS (SELECT * FROM given) {sql}").fetchall()]
    finally:
        con.close()


@lru_cache(maxsize=None)
def _compiled(inline: str) -> str:
    """SQL with dbt macros (dbt's own Jinja: `return`, `adapter`…) compiled by dbt itself."""
    import os
    import tempfile

    from dbt.cli.main import dbtRunner

    from etl.models import cli_args, manifest

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


def parse_dates(texts: list[str]) -> list:
    """Each text as the Missing Migrants models read an incident date (a date, or None)."""
    sql = _compiled("SELECT {{ mmp_parse_date('t') }} AS d FROM texts ORDER BY i")
    con = duckdb.connect()
    try:
        con.register("given", pd.DataFrame({"i": range(len(texts)), "t": pd.Series(texts, dtype=object)}))
        return [r[0] for r in con.execute(f"WITH texts AS (SELECT * FROM given) {sql}").fetchall()]
    finally:
        con.close()
