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
