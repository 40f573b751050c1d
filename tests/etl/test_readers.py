"""The shared readers: encodings, separators, headers and number parsing every source relies on."""
from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import EtlError
from tests.etl.harness import read_csv


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


def test_blank_and_repeated_header_cells_stay_addressable(tmp_path):
    p = write(tmp_path, b"iso,,n,n\nCOL,x,1,2\n")
    df = read_csv(p, required=["iso"])
    assert list(df.columns) == ["iso", "column_2", "n", "n.2", "_line"]
    assert df["n.2"].tolist() == ["2"]


# What landing makes of files DuckDB's parallel reader cannot read one record per line: every row
# with its physical line, or one clear error. (cells of each row, then its line)
READ_CASES = {
    "plain": (b"a,b\nCOL,1\nPER,2\n", [["COL", "1", 2], ["PER", "2", 3]]),
    "no final line end": (b"a,b\nCOL,1\nPER,2", [["COL", "1", 2], ["PER", "2", 3]]),
    "padded cells and headers": (b" a , b \n COL , 1 \n\xc2\xa0PER\xc2\xa0,2\n", [["COL", "1", 2], ["PER", "2", 3]]),
    "empty cells": (b"a,b,c\n,,\n1,,3\n", [["", "", "", 2], ["1", "", "3", 3]]),
    "quoted separator and quote": (b'a,b\n"x,y",z\n"say ""hi""",w\n', [["x,y", "z", 2], ['say "hi"', "w", 3]]),
    "quote inside a cell": (b'a,b\nab"c,d\n', [['ab"c', "d", 2]]),
    "quoted line break": (b'a,b\nx,"y\nz"\nq,r\n', [["x", "y\nz", 3], ["q", "r", 4]]),
    "quoted CRLF line break": (b'a,b\r\nx,"y\r\nz"\r\nq,r\r\n', [["x", "y\nz", 3], ["q", "r", 4]]),
    "unterminated quote": (b'a,b\nx,"y\nq,r\n', "line 3: unreadable CSV (unexpected end of data)"),
    "short row": (b"a,b\nx\ny,z\n", [["x", "", 2], ["y", "z", 3]]),
    "blank trailing cells": (b"a,b\nx,y,,\n", [["x", "y", 2]]),
    "blank line": (b"a,b\nx,y\n\nz,w\n", [["x", "y", 2], ["z", "w", 4]]),
    "blank lines in a one-column file": (b"a\nx\n\n\ny\n", [["x", 2], ["y", 5]]),
    "blank line at the end": (b"a,b\nx,y\n\n", [["x", "y", 2]]),
    "line of spaces": (b"a\nx\n   \ny\n", [["x", 2], ["y", 4]]),
    "CRLF": (b"a,b\r\nx, y \r\nz,w\r\n", [["x", "y", 2], ["z", "w", 3]]),
    "lone CR": (b"a,b\rx,y\rz,w", [["x", "y", 2], ["z", "w", 3]]),
    "BOM": (b"\xef\xbb\xbfa;b\nx;y\n", [["x", "y", 2]]),
    "tabs": (b"a\tb\nx\t y\n", [["x", "y", 2]]),
    "a row of empty cells in a tab-separated file": (b"a\tb\n\t\nx\ty\n", [["", "", 2], ["x", "y", 3]]),
    "Latin-1": ("a,b\nMéxico,1\n".encode("latin-1"), [["México", "1", 2]]),
    "UTF-16": ("a,b\nMéxico,1\n".encode("utf-16"), [["México", "1", 2]]),
    "NUL byte": (b"a,b\nx\x00,y\n", [["x\x00", "y", 2]]),
    "control characters": (b"a,b\n\x1fx\x1f,y\x0b\n", [["x", "y", 2]]),
    "header only": (b"a,b\n", []),
    "header only, no line end": (b"a,b", []),
    "repeated header names": (b"a,a,\n1,2,3\n", [["1", "2", "3", 2]]),
    # Longer than DuckDB's default maximum line (2 MB): read whole by the decoding path.
    "a 3 MB line": (b"a,b\nx," + b"y" * 3_000_000 + b"\nz,w\n", [["x", "y" * 3_000_000, 2], ["z", "w", 3]]),
}


@pytest.mark.parametrize("data, expected", READ_CASES.values(), ids=READ_CASES.keys())
def test_every_row_is_landed_with_its_line_or_the_file_is_refused(tmp_path, data, expected):
    from etl import readers

    p = write(tmp_path, data)
    if isinstance(expected, str):
        with pytest.raises(EtlError) as err:
            read_csv(p)
        assert str(err.value) == f"{p}: {expected}"
        return
    assert read_csv(p).values.tolist() == expected
    # Landing for the SQL models gives the same table.
    con = duckdb.connect()
    try:
        header = readers.land_csv(con, p, "raw_t")
        assert con.sql(f'SELECT {", ".join(chr(34) + h + chr(34) for h in header)}, _line FROM "raw_t" '
                       "ORDER BY _line").fetchall() == [tuple(r) for r in expected]
        assert [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()] in (["raw_t"], ["raw_t__cells"])
    finally:
        con.close()


def test_a_plain_large_file_takes_the_parallel_path(tmp_path):
    """Plain files (most of every build's rows) are read by DuckDB straight from disk, quoted cells
    and CRLF included: the raw table is a view of its cells, lines counted from the row numbers."""
    from etl import readers

    body = "".join(f'COL,{i},"Rio Bravo, ""Las Cruces"""\r\n' for i in range(3000))
    p = write(tmp_path, ("a,n,place\r\n" + body).encode())
    con = duckdb.connect()
    try:
        readers.land_csv(con, p, "raw_t")
        assert con.execute("SELECT table_type FROM information_schema.tables WHERE table_name = 'raw_t'").fetchall() == [("VIEW",)]
        frame = con.sql('SELECT * FROM "raw_t" ORDER BY _line').df()
    finally:
        con.close()
    assert frame["place"].iloc[0] == 'Rio Bravo, "Las Cruces"'
    assert frame["_line"].tolist() == list(range(2, 3002))


@pytest.mark.parametrize("cell", ["x", " x", "x ", "\tx", "x\u00a0", "\u3000x", "x\u2029", "x\x1f", "é", "", "a b",
                                  "\u200bx", "x\u0085"])
@pytest.mark.parametrize("line_end", ["\n", "\r"])
def test_cells_are_stripped_as_python_strips_them(tmp_path, cell, line_end):
    """Every Unicode space Python's str.strip removes (and only those) is removed around a cell,
    on either path (a lone CR takes the decoding one)."""
    p = write(tmp_path, f"a,b{line_end}AB,{cell}{line_end}12,z{line_end}".encode())
    assert read_csv(p)["b"].tolist() == [cell.strip(), "z"]


@given(st.binary(max_size=60).map(lambda b: bytes(b"a\r\n"[x % 3] for x in b)), st.integers(1, 8))
def test_line_end_scans_agree_with_bytes_methods_across_chunks(data, chunk):
    """The chunked scans that decide whether DuckDB may read a file in parallel count line ends as
    bytes.count does, wherever the chunks split the file."""
    import numpy as np

    from etl.readers import _count

    array = np.frombuffer(data, dtype=np.uint8)
    assert _count(array, 10, chunk=chunk) == data.count(b"\n")
    assert _count(array, 13, follow=10, chunk=chunk) == data.count(b"\r\n")


@pytest.mark.parametrize("body, expected", [
    ("AB,x \n12,z", "x"),                  # a space before a line end
    ('AB,"x "\n12,z', "x"),                # before a closing quote
    ("12,z\nAB,x ", "x"),                  # before the end of the file
    ("AB,x\u00a0\r\n12,z", "x"),           # a non-ASCII space
    ("AB,x\t\n12,z", "x"),                 # a control character
    ("AB, x\n12,z", "x"),                  # leading spaces only: the file is tidy
    ('AB," x y"\n12,z', "x y"),
])
def test_a_plain_file_strips_a_cell_wherever_its_space_is(tmp_path, body, expected):
    """A plain file's cells are tested for spaces at their first character only when its bytes show
    that no cell can end in one: a space before a line end, a quote or the end of the file, a
    non-ASCII or a control byte anywhere, and each cell is tested at both ends."""
    frame = read_csv(write(tmp_path, f"a,b\n{body}".encode()))
    assert sorted(frame["b"]) == sorted([expected, "z"])


@settings(deadline=None, max_examples=60)  # each example lands a file: tens of milliseconds, more on a busy machine
@given(st.lists(st.lists(st.text(" a,\"\t\u00a0\u3000é;", max_size=4), min_size=2, max_size=2), min_size=1, max_size=6),
       st.sampled_from(["\n", "\r\n"]))
def test_the_first_character_test_strips_as_the_test_of_both_ends(rows, line_end):
    """Whichever test of a cell a plain file gets, its cells come out as the test of both ends gives them."""
    import csv
    import io
    import tempfile
    from pathlib import Path

    from etl.readers import WHITESPACE, _read_sql, land_csv

    out = io.StringIO()
    csv.writer(out, lineterminator=line_end).writerows([["a", "b"], *[["k" + a, b] for a, b in rows]])
    with tempfile.TemporaryDirectory() as tmp, duckdb.connect() as con:
        path = Path(tmp) / "f.csv"
        path.write_bytes(out.getvalue().encode())
        land_csv(con, path, "t")
        both_ends = con.execute(_read_sql(["a", "b"], ",", 0, lenient=False),
                                {"path": str(path), "ws": WHITESPACE}).fetchall()
        assert con.execute('SELECT a, b FROM "t" ORDER BY _line').fetchall() == both_ends


@given(st.binary(max_size=40).map(lambda b: bytes(b" a,\r\n\xc2"[x % 6] for x in b)), st.integers(1, 8))
def test_the_tidy_scan_agrees_with_bytes_methods_across_chunks(data, chunk):
    """The chunked scan that lets a file's cells be tested at their first character only sees a space
    before an end, and counts the bytes outside printable ASCII, wherever the chunks split the file."""
    import numpy as np

    from etl.readers import _tidy

    spaced = any(e in data for e in (b" ,", b' "', b" \r", b" \n", b" ;")) or data.endswith(b" ")
    odd = sum(not 32 <= byte <= 126 for byte in data)
    assert _tidy(np.frombuffer(data, dtype=np.uint8), chunk=chunk) == (-1 if spaced else odd)
