"""Row checks in DuckDB (etl.sqlrows): the same reasons, JSON, counts and rows as the pandas path."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from etl.ledger import Ledger
from etl.readers import drop_exact_duplicates, parse_numbers
from etl.sqlrows import CONFLICT, SqlRows, codes


def frame(rows: dict[str, list[str]]) -> pd.DataFrame:
    out = pd.DataFrame(rows).astype(str)
    out["_line"] = np.arange(2, len(out) + 2, dtype="int64")
    return out


def test_first_rule_that_holds_gives_the_reason_and_the_rest_are_fetched_in_file_order():
    raw = frame({"geo": ["col", "XXX", "PER", "DEU", "mex"], "n": ["5", "7", "abc", "-1", "2,386"]})
    ledger = Ledger()
    ledger.read("s", "f.csv", len(raw))
    with SqlRows(raw, ledger, "s", "f.csv") as rows:
        rows.lookup("geo", codes("geo_", ["COL", "PER", "DEU", "MEX"], lac=["COL", "PER", "MEX"]))
        rows.lookup("n", lambda t: parse_numbers(t).add_prefix("n_"))
        rows.check(
            [("NOT geo_known", "unknown country code"), ("n_status = 'invalid'", "non-numeric value"),
             ("n_value < 0", "negative count"), ("NOT geo_lac", "outside the region")],
            key=["geo"],
        )
        good = rows.fetch(["geo_code AS geo", "n_value AS value"])
    assert good.to_dict("list") == {"geo": ["COL", "MEX"], "value": [5.0, 2386.0]}
    q = ledger.quarantine_frame().sort_values("line")
    assert q["reason"].tolist() == ["unknown country code", "non-numeric value", "negative count"]
    assert q["line"].tolist() == [3, 4, 5] and q["record_key"].tolist() == ["XXX", "PER", "DEU"]
    st = ledger.stats("s", "f.csv")
    assert st.loaded == 2 and st.quarantined_total == 3 and st.balanced


def test_a_rule_that_is_null_does_not_hold():
    """value < 0 on a blank (NULL) value is not a negative count, as NaN < 0 is False in pandas."""
    raw = frame({"n": ["", "3"]})
    ledger = Ledger()
    with SqlRows(raw, ledger, "s", "f") as rows:
        rows.lookup("n", lambda t: parse_numbers(t).add_prefix("n_"))
        rows.check([("n_value < 0", "negative count")])
        good = rows.fetch(["_line"])
    assert good["_line"].tolist() == [2, 3]
    assert ledger.quarantine_frame().empty


def test_conflicting_keys_are_all_quarantined():
    raw = frame({"k": ["a", "a", "b", "c", "c"], "v": ["1", "2", "3", "4", "5"]})
    ledger = Ledger()
    with SqlRows(raw, ledger, "s", "f") as rows:
        rows.conflicts(["k"])
        good = rows.fetch([f"{rows.col('k')} AS k"])
    assert good["k"].tolist() == ["b"]
    q = ledger.quarantine_frame().sort_values("line")
    assert q["line"].tolist() == [2, 3, 5, 6] and set(q["reason"]) == {CONFLICT}


@pytest.mark.parametrize(
    "value",
    ['a"b', "back\\slash", "tab\tx", "nl\ny", "\x01\x1f\x7f", "é漢😀", "\u2028", "</script>", "", "\\u001F",
     "=SUM(A1)", "$name0", "'; DROP TABLE x; --"],
)
def test_quarantined_rows_keep_their_raw_values_as_json_dumps_writes_them(value):
    """Odd text, and column names that look like SQL or parameters, reach the quarantine intact."""
    raw = frame({'col "1"': [value, "x"], "$name1": ["y", value], "é'); --": ["bad", "bad"]})
    ledger = Ledger()
    with SqlRows(raw, ledger, "s", "f") as rows:
        rows.check([("true", "refused")], key=['col "1"', "$name1"])
    q = ledger.quarantine_frame().sort_values("line")
    assert q["raw_values"].tolist() == [
        json.dumps({'col "1"': value, "$name1": "y", "é'); --": "bad"}, ensure_ascii=False),
        json.dumps({'col "1"': "x", "$name1": value, "é'); --": "bad"}, ensure_ascii=False),
    ]
    assert q["record_key"].tolist() == [f"{value}|y", f"x|{value}"]


def test_duplicates_found_by_hash_are_the_ones_pandas_finds():
    """Large files find exact duplicates by DuckDB hash, then compare the candidates exactly."""
    rng = np.random.default_rng(7)
    n = 120_000
    raw = frame({"a": rng.integers(0, 400, n).astype(str), "b": rng.integers(0, 400, n).astype(str)})
    expected = raw.duplicated(subset=["a", "b"])
    ledger = Ledger()
    kept = drop_exact_duplicates(raw, ledger, "s", "f")
    assert ledger.stats("s", "f").duplicates == int(expected.sum()) > 0
    assert kept.index.tolist() == raw.index[~expected].tolist()


def test_a_key_column_is_compared_and_recorded_by_its_derived_value():
    """Two spellings of one country clash on the resolved code, and the record key shows the code."""
    raw = frame({"name": ["Bolivia", "Bolivia (Plurinational State of)", "Peru"], "n": ["1", "2", "3"]})
    ledger = Ledger()
    with SqlRows(raw, ledger, "s", "f") as rows:
        rows.lookup("name", lambda t: pd.DataFrame({"code": t.map(lambda s: s[:3].upper())}))
        rows.key_column("_code", "code")
        rows.conflicts(["_code"])
        good = rows.fetch(["code"])
    assert good["code"].tolist() == ["PER"]
    q = ledger.quarantine_frame().sort_values("line")
    assert q["record_key"].tolist() == ["BOL", "BOL"] and set(q["reason"]) == {CONFLICT}
    assert json.loads(q["raw_values"].iloc[1]) == {"name": "Bolivia (Plurinational State of)", "n": "2"}


def test_later_steps_read_only_the_rows_the_checks_left():
    """A row a check quarantined is not part of a later conflict, nor fetched: "a", whose other
    row was quarantined, clashes with nothing, while both "c" rows do."""
    raw = frame({"k": ["a", "a", "b", "c", "c", "d"], "n": ["1", "-2", "3", "4", "5", "x"]})
    ledger = Ledger()
    with SqlRows(raw, ledger, "s", "f") as rows:
        rows.lookup("n", lambda t: parse_numbers(t).add_prefix("n_"))
        rows.check([("n_status = 'invalid'", "non-numeric value"), ("n_value < 0", "negative count")], key=["k"])
        rows.conflicts(["k"])
        good = rows.fetch([f"{rows.col('k')} AS k", "n_value AS value"])
    assert good.to_dict("list") == {"k": ["a", "b"], "value": [1.0, 3.0]}
    q = ledger.quarantine_frame().sort_values("line")
    assert q["line"].tolist() == [3, 5, 6, 7]
    assert q["reason"].tolist() == ["negative count", CONFLICT, CONFLICT, "non-numeric value"]


def test_rows_outside_the_scope_are_counted_not_copied_and_a_defect_still_wins():
    """A sound row about a country the dashboard does not cover is counted per reason; a row
    with a defect as well keeps the defect's reason and is quarantined."""
    raw = frame({"geo": ["COL", "DEU", "DEU", "FRA"], "n": ["5", "7", "abc", "8"]})
    ledger = Ledger()
    ledger.read("s", "f", len(raw))
    outside = "country outside the dashboard's scope"
    with SqlRows(raw, ledger, "s", "f") as rows:
        rows.lookup("geo", codes("geo_", ["COL", "DEU", "FRA"], scope=["COL"]))
        rows.lookup("n", lambda t: parse_numbers(t).add_prefix("n_"))
        rows.check([("n_status = 'invalid'", "non-numeric value"), ("NOT geo_scope", outside)],
                   outside_scope=[outside])
        rows.fetch(["_line"])
    st = ledger.stats("s", "f")
    assert st.out_of_scope == {outside: 2} and st.quarantined == {"non-numeric value": 1}
    assert ledger.quarantine_frame()["line"].tolist() == [4]
    assert st.loaded == 1 and st.balanced
    stats = ledger.stats_frame().iloc[0]
    assert stats["rows_out_of_scope"] == 2 and json.loads(stats["out_of_scope_reasons"]) == {outside: 2}


def test_the_pandas_quarantine_counts_rows_outside_the_scope_the_same_way():
    raw = frame({"geo": ["DEU", "XXX"]})
    ledger = Ledger()
    ledger.read("s", "f", 2)
    reasons = pd.Series(["country outside the dashboard's scope", "unknown country code"], index=raw.index)
    ledger.quarantine("s", "f", raw, reasons, outside_scope=["country outside the dashboard's scope"])
    st = ledger.stats("s", "f")
    assert st.out_of_scope == {"country outside the dashboard's scope": 1}
    assert ledger.quarantine_frame()["reason"].tolist() == ["unknown country code"] and st.balanced


@pytest.mark.parametrize("counts", [
    ["1", "2", "3", "4", "5", "-6"],
    ["0.1", "0.2", "0.3", "1e16", "1", "-1"],  # not whole: summed by pandas, in file order
    ["1", "2", "3", "4", str(2**53), "6"],  # whole, but too large for every order to give one sum
])
def test_sums_equal_pandas_groupby_sums_of_the_rows_left(counts):
    """Sums per group of the rows left equal pandas' groupby sums over those rows in file order
    (rows with a NULL key left out, quarantined rows not counted), to the last bit."""
    raw = frame({"k": ["a", "b", "a", "x", "b", "a"], "n": counts})
    ledger = Ledger()
    ledger.read("s", "f", len(raw))
    with SqlRows(raw, ledger, "s", "f") as rows:
        rows.lookup("k", lambda t: pd.DataFrame({"key": t.where(t != "x")}))  # "x": a NULL key
        rows.lookup("n", lambda t: parse_numbers(t).add_prefix("n_"))
        rows.check([("n_value < 0", "negative count")])
        sums = rows.sums("n_value", ['key AS "key"'], where="n_value <> 3")  # a quoted name, as adapters write them
        alive = rows.loaded()
        good = rows.fetch(["key", "n_value AS value"])
    assert alive == len(good)
    expected = good[good["value"] != 3].groupby("key", as_index=False)["value"].sum()
    pd.testing.assert_frame_equal(sums, expected, check_dtype=False)
    assert sums["key"].tolist() == ["a", "b"]


@pytest.mark.parametrize("separately", [False, True])
@pytest.mark.parametrize("chunks", [
    [["b", "a"], ["a", "c", "b"], [], ["d"]],
    [[]],
    [],
])
def test_encoding_gives_each_row_the_position_of_its_text(chunks, separately, monkeypatch):
    """Every row of a chunked column points at its own text among the distinct texts, whether
    Arrow encodes the chunks with one memo table (each dictionary starts the next) or not."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from etl import sqlrows
    from etl.sqlrows import _encode

    if separately:
        encode = pc.dictionary_encode
        monkeypatch.setattr(sqlrows.pc, "dictionary_encode",
                            lambda col: pa.chunked_array([encode(c) for c in col.chunks], pa.dictionary(pa.int32(), pa.large_string())))
    column = pa.chunked_array([pa.array(c, pa.large_string()) for c in chunks], pa.large_string())
    texts, positions = _encode(column)
    assert texts.take(positions.combine_chunks()).to_pylist() == column.to_pylist()
    assert sorted(texts.to_pylist()) == sorted(set(column.to_pylist()))
