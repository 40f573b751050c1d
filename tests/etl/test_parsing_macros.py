"""The SQL parsing macros (etl/transform/macros/parsing.sql) read numbers, censored counts and years
as the Python parsers they replace did, rendered by Jinja and run by DuckDB."""
from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from tests.etl.sql_macros import json_texts, parse_texts

CASES = [  # text, status, value, upper bound, year (from 1999)
    ('5', 'ok', 5.0, None, None),
    (' 5', 'ok', 5.0, None, None),
    ('5.0', 'ok', 5.0, None, None),
    ('1_000', 'invalid', None, None, None),
    ('2,386', 'ok', 2386.0, None, None),
    ('12,5', 'invalid', None, None, None),
    ('1e3', 'ok', 1000.0, None, None),
    ('inf', 'invalid', None, None, None),
    ('-inf', 'invalid', None, None, None),
    ('NaN', 'missing', None, None, None),
    ('<5', 'suppressed', None, 5.0, None),
    ('< 5', 'suppressed', None, 5.0, None),
    ('<3', 'suppressed', None, 3.0, None),
    ('<10', 'suppressed', None, 10.0, None),
    ('..', 'missing', None, None, None),
    ('NA', 'missing', None, None, None),
    ('', 'missing', None, None, None),
    ('-', 'missing', None, None, None),
    ('—', 'missing', None, None, None),
    ('-0', 'ok', 0.0, None, None),
    ('0012', 'ok', 12.0, None, None),
    ('+5', 'ok', 5.0, None, None),
    ('.5', 'ok', 0.5, None, None),
    ('2011.0', 'ok', 2011.0, None, 2011),
    ('20x5', 'invalid', None, None, None),
    ('2010.5', 'ok', 2010.5, None, None),
    ('Infinity', 'invalid', None, None, None),
    ('1,234.5', 'ok', 1234.5, None, None),
    ('0x10', 'invalid', None, None, None),
    ('1 000', 'invalid', None, None, None),
    ('\xa05', 'ok', 5.0, None, None),
    ('1999', 'ok', 1999.0, None, 1999),
    ('1998', 'ok', 1998.0, None, None),
    ('2099', 'ok', 2099.0, None, None),
]


@pytest.fixture(scope="module")
def parsed() -> dict[str, tuple]:
    out = parse_texts([c[0] for c in CASES], low_year=1999)
    return {c[0]: tuple(None if pd.isna(v) else v for v in row)
            for c, row in zip(CASES, out[["status", "value", "upper", "year"]].itertuples(index=False))}


@pytest.mark.parametrize("text, status, value, upper, year", CASES)
def test_a_text_reads_as_the_python_parsers_read_it(parsed, text, status, value, upper, year):
    got_status, got_value, got_upper, got_year = parsed[text]
    assert got_status == status
    assert got_value == value and (got_value is None or not math.copysign(1, got_value) < 0)  # -0 reads as 0
    assert got_upper == upper
    assert got_year == year


@pytest.mark.parametrize(
    "value",
    ['a"b', "back\\slash", "tab\tx", "nl\ny", "cr\rz", "\x01\x1f\x7f", "é漢😀", "\u2028\u2029",
     "</script>", "", "\\u001F", "x\x0b", "\x0e\x0f\x1a\x1b\x1c\x1d\x1e", "=SUM(A1)"],
)
def test_quarantined_cells_are_the_json_strings_python_writes(value):
    """A quarantined row's raw values are the text json.dumps gives, escapes and non-ASCII included."""
    assert json_texts([value]) == [json.dumps(value, ensure_ascii=False)]
