"""The shared readers: encodings, separators, headers and number parsing every adapter relies on."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.ledger import EtlError, Ledger
from etl.readers import drop_exact_duplicates, parse_years, quarantine_conflicts, read_csv


def write(tmp_path, data: bytes, name="f.csv"):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_bom_crlf_semicolons_and_padding(tmp_path):
    p = write(tmp_path, "\ufeffiso ; value \r\nCOL ; 12 \r\n\r\nPER;<5\r\n".encode("utf-8"))
    df = read_csv(p, required=["iso", "value"])
    assert list(df.columns) == ["iso", "value", "_line"]
    assert df["iso"].tolist() == ["COL", "PER"]
    assert df["value"].tolist() == ["12", "<5"]
    assert df["_line"].tolist() == [2, 4]  # physical lines, the blank line skipped


def test_latin1_file_is_read_not_garbled(tmp_path):
    p = write(tmp_path, "país,n\nMéxico,3\n".encode("latin-1"))
    df = read_csv(p, required=["país"])
    assert df["país"].tolist() == ["México"]


def test_two_row_header_is_joined_with_merged_cells_carried(tmp_path):
    p = write(tmp_path, b"Code,Female migrants (%),,\n,1990,1995,2000\n032,50.1,..,49\n")
    df = read_csv(p, header_rows=2)
    assert list(df.columns)[:4] == ["Code", "Female migrants (%) | 1990", "Female migrants (%) | 1995",
                                    "Female migrants (%) | 2000"]
    assert df.iloc[0, 2] == ".."


def test_quoted_newline_keeps_line_numbers_honest(tmp_path):
    p = write(tmp_path, b'a,b\n1,"two\nlines"\n3,x\n')
    df = read_csv(p)
    assert df["_line"].tolist() == [3, 4]


@pytest.mark.parametrize(
    "content,message",
    [(None, "file not found"), (b"", "file is empty (no header line)"), (b"x,y\n1,2\n", "missing required column 'iso'")],
)
def test_fatal_problems_name_the_file(tmp_path, content, message):
    p = tmp_path / "data.csv"
    if content is not None:
        p.write_bytes(content)
    with pytest.raises(EtlError) as err:
        read_csv(p, required=["iso"])
    assert str(err.value) == f"{p}: {message}"


def test_extra_cells_are_kept_for_the_adapter_to_reject(tmp_path):
    p = write(tmp_path, b"a,b\n1,2,3\n4,5\n")
    df = read_csv(p)
    assert df["_extra"].tolist()[0].endswith("3") and df["_extra"].tolist()[1] == ""


def test_parse_years_rejects_impossible_years():
    years = parse_years(pd.Series(["2019", "2019.0", "1850", "3000", "20x5", "2010.5"]))
    assert years.tolist()[:2] == [2019, 2019]
    assert years.isna().tolist()[2:] == [True] * 4


def test_duplicates_and_conflicts_are_accounted():
    ledger = Ledger()
    df = pd.DataFrame({"k": ["a", "a", "b", "b", "c"], "v": ["1", "1", "2", "3", "4"], "_line": [2, 3, 4, 5, 6]})
    ledger.read("s", "f", len(df))
    df = drop_exact_duplicates(df, ledger, "s", "f")
    df = quarantine_conflicts(df, ["k"], ledger, "s", "f")
    ledger.loaded("s", "f", len(df))
    assert df["k"].tolist() == ["a", "c"]
    st = ledger.stats("s", "f")
    assert (st.duplicates, st.quarantined_total, st.loaded) == (1, 2, 2) and st.balanced


def test_blank_and_repeated_header_cells_stay_addressable(tmp_path):
    p = write(tmp_path, b"iso,,n,n\nCOL,x,1,2\n")
    df = read_csv(p, required=["iso"])
    assert list(df.columns) == ["iso", "column_2", "n", "n.2", "_line"]
    assert df["n.2"].tolist() == ["2"]


# Files DuckDB's reader must read exactly as the careful Python reader does, or hand back to it.
AGREEMENT_CASES = {
    "plain": b"a,b\nCOL,1\nPER,2\n",
    "no final line end": b"a,b\nCOL,1\nPER,2",
    "padded cells and headers": b" a , b \n COL , 1 \n\xc2\xa0PER\xc2\xa0,2\n",
    "empty cells": b"a,b,c\n,,\n1,,3\n",
    "quoted separator and quote": b'a,b\n"x,y",z\n"say ""hi""",w\n',
    "quote inside a cell": b'a,b\nab"c,d\n',
    "space before a quote": b'a,b\n "abc",x\n',
    "space after a quote": b'a,b\n"abc" ,x\n',
    "quoted line break": b'a,b\nx,"y\nz"\nq,r\n',
    "unterminated quote": b'a,b\nx,"y\nq,r\n',
    "short row": b"a,b\nx\ny,z\n",
    "wider row": b"a,b\nx,y,z\n",
    "blank trailing cells": b"a,b\nx,y,,\n",
    "blank line": b"a,b\nx,y\n\nz,w\n",
    "blank lines in a one-column file": b"a\nx\n\n\ny\n",
    "blank line at the end": b"a,b\nx,y\n\n",
    "line of spaces": b"a\nx\n   \ny\n",
    "CRLF": b"a,b\r\nx, y \r\nz,w\r\n",
    "lone CR": b"a,b\rx,y\n",
    "BOM": b"\xef\xbb\xbfa;b\nx;y\n",
    "tabs": b"a\tb\nx\t y\n",
    "Latin-1": "a,b\nMéxico,1\n".encode("latin-1"),
    "NUL byte": b"a,b\nx\x00,y\n",
    "control characters": b"a,b\n\x1fx\x1f,y\x0b\n",
    "header only": b"a,b\n",
    "repeated header names": b"a,a,\n1,2,3\n",
    # Longer than DuckDB's default maximum line (2 MB): its read fails and the careful reader reads it.
    "a 3 MB line": b"a,b\nx," + b"y" * 3_000_000 + b"\nz,w\n",
}


@pytest.mark.parametrize("data", AGREEMENT_CASES.values(), ids=AGREEMENT_CASES.keys())
def test_duckdb_reader_agrees_with_the_careful_reader(tmp_path, monkeypatch, data):
    """The fast path gives the careful reader's frame (cells, line numbers, types) or declines."""
    from etl import readers

    p = write(tmp_path, data)
    fast = readers._duckdb_rows(p)
    monkeypatch.setattr(readers, "_duckdb_rows", lambda path, *_: None)
    try:
        careful = read_csv(p)
    except EtlError:
        assert fast is None  # a file the careful reader refuses is never read by the fast path
        return
    if fast is not None:
        pd.testing.assert_frame_equal(fast, careful)
    # Landing for the SQL models reads the same rows into a table, or declines the same files.
    con = duckdb.connect()
    try:
        header = readers.land_plain(con, p, "raw_t")
        assert (header is None) == (fast is None)
        if header is not None:
            landed = con.sql('SELECT * FROM "raw_t"').df()
            pd.testing.assert_frame_equal(landed, careful, check_dtype=False)
        else:
            assert not con.execute("SELECT count(*) FROM duckdb_tables()").fetchall()[0][0]  # nothing left behind
    finally:
        con.close()


def test_a_plain_large_file_takes_the_duckdb_path(tmp_path):
    """Plain files (most of every build's rows) are read by DuckDB, quoted cells and CRLF included."""
    from etl import readers

    body = "".join(f'COL,{i},"Rio Bravo, ""Las Cruces"""\r\n' for i in range(3000))
    p = write(tmp_path, ("a,n,place\r\n" + body).encode())
    fast = readers._duckdb_rows(p)
    assert fast is not None
    assert fast["place"].iloc[0] == 'Rio Bravo, "Las Cruces"'
    assert fast["_line"].tolist() == list(range(2, 3002))


@pytest.mark.parametrize("cell", ["x", " x", "x ", "\tx", "x\u00a0", "\u3000x", "x\u2029", "x\x1f", "é", "", "a b",
                                  "\u200bx", "x\u0085"])
def test_both_readers_strip_cells_as_python_strips_them(tmp_path, monkeypatch, cell):
    """Every Unicode space Python's str.strip removes (and only those) is removed around a cell."""
    from etl import readers

    p = write(tmp_path, f"a,b\nAB,{cell}\n12,z\n".encode())
    fast = readers._duckdb_rows(p)
    monkeypatch.setattr(readers, "_duckdb_rows", lambda path, *_: None)
    careful = read_csv(p)
    assert careful["b"].tolist() == [cell.strip(), "z"]
    if fast is not None:
        pd.testing.assert_frame_equal(fast, careful)


@given(st.binary(max_size=60).map(lambda b: bytes(b"a\" \t\n"[x % 5] for x in b)), st.integers(1, 8))
def test_quote_beside_a_space_is_found_across_chunk_boundaries(data, chunk):
    """Every quote with a space or tab beside it is found, wherever the scan's chunks split the file:
    such a line is the one DuckDB reads differently from the careful reader."""
    import numpy as np

    from etl.readers import _quote_space_pairs

    expected = [i for i in range(len(data) - 1)
                if {data[i:i + 1], data[i + 1:i + 2]} in ({b'"', b" "}, {b'"', b"\t"})]
    assert _quote_space_pairs(np.frombuffer(data, dtype=np.uint8), chunk=chunk).tolist() == expected




@given(st.binary(max_size=60).map(lambda b: bytes(b"a\r\n"[x % 3] for x in b)), st.integers(1, 8),
       st.integers(0, 60), st.integers(0, 60))
def test_line_end_scans_agree_with_bytes_methods_across_chunks(data, chunk, start, stop):
    """The chunked scans that decide whether DuckDB may read a file count line ends as bytes.count
    does, and find a CR without its LF wherever the chunks split the file."""
    from etl.readers import _count_newlines, _lone_cr

    assert _count_newlines(data, start, stop, chunk=chunk) == data[start:stop].count(b"\n")
    assert _lone_cr(data, chunk=chunk) == (data.count(b"\r") != data.count(b"\r\n"))
