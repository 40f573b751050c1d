"""Property-based tests (hypothesis) of the ETL's parsers (the SQL macros and the CSV reader) and of the CSV export."""
from __future__ import annotations

import csv
import io
import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.errors import EtlError
from etl.readers import MAX_YEAR
from tests.etl.harness import read_csv
from gcm.export import FORMULA_PREFIXES, restore_text, to_csv_bytes
from tests.etl.sql_macros import parse_dates, parse_texts

# Derandomized and without the example database, so every run tries the same examples and the
# count of cases in docs/reliability.md stays the same from one run to the next.
PROPERTY = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
texts = st.text(max_size=25)
NAMES = st.from_regex(r"[A-Za-z][A-Za-z0-9_ ]{0,10}[A-Za-z0-9]", fullmatch=True)


@pytest.mark.reliability("properties")
@PROPERTY
@given(st.lists(st.one_of(texts, st.sampled_from(["<5", "< 5", "..", "1,206", "12,5", "-3", "inf", "1e400", "NaN",
                                                 "\u00a012", "2,386.5", "-", "—"])), max_size=30))
def test_parse_numbers_classifies_every_text_and_never_invents_a_value(tally, values):
    tally.cases(1)
    out = parse_texts(values)
    assert len(out) == len(values) and set(out["status"]) <= {"ok", "suppressed", "missing", "invalid"}
    ok = out["status"] == "ok"
    assert out.loc[ok, "value"].map(math.isfinite).all()
    assert out.loc[~ok, "value"].isna().all()  # a `<5` is censored, never 0 or 5
    suppressed = out["status"] == "suppressed"
    assert out.loc[suppressed, "upper"].notna().all() and out.loc[~suppressed, "upper"].isna().all()


@pytest.mark.reliability("properties")
@PROPERTY
@given(st.lists(st.one_of(st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False,
                                                                  min_value=-1e15, max_value=1e15)), max_size=20),
       st.booleans())
def test_parse_numbers_reads_back_numbers_as_written(tally, numbers, thousands):
    tally.cases(1)
    text = [f"{n:,}" if thousands and isinstance(n, int) else repr(n) for n in numbers]
    out = parse_texts(text)
    assert (out["status"] == "ok").all()
    assert [float(v) for v in out["value"]] == [float(n) for n in numbers]


@pytest.mark.reliability("properties")
@PROPERTY
@given(st.lists(st.one_of(st.integers(1800, 2200).map(str), st.integers(1800, 2200).map(lambda y: f"{y}.0"),
                          st.floats(allow_nan=True).map(str), texts), max_size=30))
def test_parse_years_keeps_whole_years_in_range_only(tally, values):
    tally.cases(1)
    out = parse_texts(values, low_year=1990)["year"]
    assert len(out) == len(values)
    for raw, year in zip(values, out):
        if pd.isna(year):
            continue
        assert 1990 <= year <= MAX_YEAR and float(raw.strip()) == year


@pytest.mark.reliability("properties")
@PROPERTY
@given(st.lists(st.one_of(st.dates().map(lambda d: d.isoformat()), texts), max_size=20))
def test_parse_dates_reads_iso_dates_and_nothing_else(tally, values):
    tally.cases(1)
    out = parse_dates(values)
    for raw, parsed in zip(values, out):
        if parsed is not None:
            assert parsed.strftime("%Y-%m-%d") == raw.strip() or parsed.isoformat() == raw.strip()


cell = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n\x00"), max_size=15)


@pytest.mark.reliability("properties")
@PROPERTY
@given(header=st.lists(NAMES, min_size=2, max_size=5, unique=True),
       body=st.lists(st.lists(cell, min_size=5, max_size=5), max_size=12),
       sep=st.sampled_from([",", ";", "\t"]), bom=st.booleans(), crlf=st.booleans())
def test_read_csv_returns_every_row_as_written(tmp_path_factory, tally, header, body, sep, bom, crlf):
    """Whatever the cells hold (quotes, separators, accents, emoji), a written table reads back row for row."""
    tally.cases(1)
    rows = [r[: len(header)] for r in body]
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n" if crlf else "\n").writerows([header] + rows)
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode())
    try:
        frame = read_csv(path, required=header[:1])
    except EtlError as exc:
        pytest.fail(f"a well-formed file was refused: {exc}")
    # Blank lines are not rows; everything else is, cell for cell (read_csv strips surrounding spaces).
    expected = [[c.strip() for c in r] for r in rows if not (len(r) == 1 and not r[0].strip())]
    assert frame[[h.strip() for h in header]].values.tolist() == expected if expected else frame.empty
    assert frame["_line"].is_monotonic_increasing


values = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, width=32))
text_cells = st.text(max_size=20)


@pytest.mark.reliability("properties")
@PROPERTY
@given(st.lists(st.tuples(text_cells, values, st.one_of(st.none(), st.integers(-5, 3000))), min_size=1, max_size=8),
       st.sampled_from(["en", "es", "pt"]))
def test_csv_export_reads_back_the_same_and_starts_no_formula(tally, rows, lang):
    tally.cases(1)
    df = pd.DataFrame({
        "label": [r[0] for r in rows],
        "value": pd.array([r[1] for r in rows], dtype="Float64"),
        "year": pd.array([r[2] for r in rows], dtype="Int64"),
    })
    data = to_csv_bytes(df, view_url="http://localhost/data?x=1", downloaded_at=pd.Timestamp("2026-01-02").to_pydatetime(),
                        lang=lang)
    assert data.startswith(b"\xef\xbb\xbf")
    # What a user's pandas reads (the same reader the tests of the Data page use).
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={0: str}, keep_default_na=False)
    assert [restore_text(v) for v in back.iloc[:, 0]] == df["label"].tolist()
    got = pd.to_numeric(back.iloc[:, 1].replace("", None), errors="raise")
    assert [None if pd.isna(v) else float(v) for v in got] == [None if pd.isna(v) else float(v) for v in df["value"]]
    # No text cell can start a formula: every cell that starts like one is a plain number.
    for record in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
        for c in record:
            if c.startswith(FORMULA_PREFIXES):
                float(c)
