"""Landing a raw CSV file in DuckDB as text cells with each row's physical line number.

One reader, DuckDB's: a plain file (UTF-8, one record per line, as every large one is) goes straight from
disk, line = row + 2. Any other is first decoded to UTF-8 with `\n` line ends, its blank lines dropped and
the line each record ends on noted, so no row is lost. Nothing is coerced: a `<5` stays `<5`.
"""
from __future__ import annotations

import csv
import io
import itertools
import mmap
import tempfile
from datetime import date
from pathlib import Path
from typing import Sequence

import duckdb
import numpy as np
import pyarrow as pa

from common.textfiles import decode_file, sniff_separator
from common.errors import EtlError

MAX_YEAR = date.today().year + 1
# Every character Python's str.strip removes: the 29 Unicode spaces.
WHITESPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())


def land_csv(con: duckdb.DuckDBPyConnection, path: Path, table: str, required: Sequence[str] = (),
             header_rows: int = 1) -> list[str]:
    """Land a delimited text file as `table`: one text column per header cell (stripped, never NULL),
    `_extra` when a row has more non-empty cells than the header, and `_line`; returns the header.
    Two `header_rows` are joined as "first | second" (blanks carry on from the left, as merged cells do).
    EtlError (one line naming the file) for a missing, empty or unreadable file or a missing required column."""
    path = Path(path)
    if header_rows == 1 and (header := _land_plain(con, path, table, required)) is not None:
        return header
    text = decode_file(path).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EtlError(path, "file is empty (no header line)")
    lines = text.split("\n")
    sep = sniff_separator(lines[0], required)
    header = _header(path, lines[:header_rows], sep, required)
    # Python's csv module finds where each record ends (the line a row is reported at, as a quoted
    # line break continues it) and which records are blank; DuckDB reads the cells.
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 26))  # a long cell is the ledger's to quarantine
    reader = csv.reader(io.StringIO(text), delimiter=sep, strict=True)
    ends, blank, width = [], set(), len(header)
    try:
        for record in itertools.islice(reader, header_rows, None):
            if not record or (len(record) == 1 and not record[0].strip()):
                blank.add(reader.line_num)
            else:
                ends.append(reader.line_num)
                width = max(width, len(record))
    except csv.Error as exc:
        raise EtlError(path, f"line {reader.line_num}: unreadable CSV ({exc})") from None
    body = [line for number, line in enumerate(lines[header_rows:], start=header_rows + 1)
            if number not in blank and ends and number <= ends[-1]]
    cells = f'"{table}__cells"'
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".csv") as tmp:
        tmp.write("".join(line + "\n" for line in body))
        tmp.flush()
        sql = _read_sql(header, sep, width - len(header), lenient=True)
        con.execute(f"CREATE TABLE {cells} AS {sql}", {"path": tmp.name, "ws": WHITESPACE,
                                                      "max_line": max(len(text), 1 << 21)})
    con.register("lines", pa.table({"_line": pa.array(ends, pa.int64())}))  # the n-th record's line
    try:
        found = con.execute(f"SELECT count(*) FROM {cells}").fetchall()[0][0]
        if found != len(ends):
            raise EtlError(path, f"unreadable CSV ({len(ends)} records, {found} read)")
        con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM {cells} POSITIONAL JOIN lines')
    finally:
        con.unregister("lines")
        con.execute(f"DROP TABLE IF EXISTS {cells}")
    return header


def _header(path: Path, lines: list[str], sep: str, required: Sequence[str]) -> list[str]:
    """The column names: stripped, blanks named column_N, repeats suffixed .2, .3…, two rows joined."""
    try:
        rows = [[h.strip() for h in next(csv.reader([line], delimiter=sep))] for line in lines]
    except (csv.Error, StopIteration) as exc:
        raise EtlError(path, f"line 1: unreadable CSV header ({exc})") from None
    header, last = rows[0], ""
    if len(rows) == 2:
        carried = [last := h or last for h in header]
        header = [f"{a} | {b}" if a and b and a != b else (a or b) for a, b in zip(carried, rows[1])]
    named = [name or f"column_{i}" for i, name in enumerate(header, start=1)]
    out = [f"{name}.{n + 1}" if (n := named[:i].count(name)) else name for i, name in enumerate(named)]
    if missing := [c for c in required if c not in out]:
        raise EtlError(path, f"missing required column '{missing[0]}'")
    return out


def _read_sql(header: list[str], sep: str, extra: int, lenient: bool, tidy: bool = False) -> str:
    """SQL reading the file at $path after its header: the named, stripped cells, and `_extra`.

    Nothing from the file reaches the SQL text: the columns are c0, c1… renamed to quoted header
    names, the separator is one of three and the path a parameter. Stripping with a set of characters
    is slow: only cells that start or end with something other than printable ASCII go through it, only
    those that start so in a `tidy` file (_tidy), where none can end so (a string comparison, much cheaper).
    """
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header) + extra))
    test = "c{i} < '!'" if tidy else "regexp_matches(c{i}, '^[^!-~]|[^!-~]$')"
    cells = ", ".join(f"CASE WHEN {test.format(i=i)} THEN trim(c{i}, $ws) "
                      f"ELSE coalesce(c{i}, '') END AS \"{h.replace(chr(34), chr(34) * 2)}\""
                      for i, h in enumerate(header))
    extras = [f"c{len(header) + i}" for i in range(extra)]
    if extras:  # kept only when a cell beyond the header holds something
        cells += (f", CASE WHEN trim(concat({', '.join(extras)}), $ws) <> '' "
                  f"THEN concat_ws('{sep}', {', '.join(extras)}) ELSE '' END AS _extra")
    options = ("null_padding = true, strict_mode = false, parallel = false, max_line_size = $max_line"
               if lenient else "null_padding = false, strict_mode = true")
    return (f"SELECT {cells} FROM read_csv($path, delim = '{sep}', quote = '\"', "
            f"escape = '\"', header = false, skip = {0 if lenient else 1}, columns = {{{columns}}}, "
            f"auto_detect = false, encoding = 'utf-8', {options})")


def _land_plain(con: duckdb.DuckDBPyConnection, path: Path, table: str, required: Sequence[str]) -> list[str] | None:
    """Land a file DuckDB's parallel reader reads one record per line: UTF-8, LF or CRLF line ends,
    no blank line, every row as wide as its header. None (nothing left behind) for any other file."""
    facts = _plain_lines(path)
    if facts is None:
        return None
    first, physical, tidy = facts
    sep = sniff_separator(first, required)
    header = _header(path, [first], sep, required)
    cells = f'"{table}__cells"'
    try:
        con.execute(f"CREATE TABLE {cells} AS {_read_sql(header, sep, 0, lenient=False, tidy=tidy)}",
                    {"path": str(path), "ws": WHITESPACE})
    except duckdb.Error:
        return None
    # A blank line or a quoted line break makes rows and lines differ (a blank line in a one-column
    # file is an empty cell to DuckDB): the decoding path reads the file then.
    if con.execute(f"SELECT count(*) FROM {cells}").fetchall()[0][0] != physical or (len(header) == 1 and con.execute(
            f"SELECT count(*) FROM {cells} WHERE \"{header[0].replace(chr(34), chr(34) * 2)}\" = ''").fetchall()[0][0]):
        con.execute(f"DROP TABLE {cells}")
        return None
    con.execute(f'CREATE VIEW "{table}" AS SELECT *, rowid + 2 AS _line FROM {cells}')
    return header


def _plain_lines(path: Path) -> tuple[str, int, bool] | None:
    """The header line, the number of data lines and whether the file is tidy, when its bytes allow the
    plain read (UTF-8, no CR but in CRLF, a header and a line after it). The file is mapped, not read: DuckDB
    reads it anyway, and a gigabyte read into Python cost as much as DuckDB's reads."""
    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as raw:
            start = 3 if raw[:3] == b"\xef\xbb\xbf" else 0
            end = raw.find(b"\n", start)
            if end < 0 or end + 1 >= len(raw):
                return None
            first = raw[start:end].decode("utf-8").removesuffix("\r")
            newlines, lone_cr, tidy = _line_ends(raw, start)
            return (first, newlines - 1 + (raw[-1:] != b"\n"), tidy) if first.strip() and not lone_cr else None
    except (OSError, ValueError, UnicodeDecodeError):
        return None  # the decoding path reads it, or reports it in one line


def _line_ends(raw: mmap.mmap, start: int = 0) -> tuple[int, bool, bool]:
    """How many LF a file holds, whether a CR is not followed by a LF, and whether it is tidy after `start` (a BOM)."""
    data = np.frombuffer(raw, dtype=np.uint8)  # released on return: the map can close then
    newlines, crs = _count(data, 10), _count(data, 13) if raw.find(b"\r") >= 0 else 0
    return newlines, crs > 0 and crs != _count(data, 13, follow=10), _tidy(data[start:]) == newlines + crs


def _tidy(data: np.ndarray, chunk: int = 1 << 18) -> int:
    """How many bytes lie outside ' ' to '~', or -1 if a space comes before a separator, a quote, a line end or
    the end: if those bytes are line ends, no cell can end in what str.strip removes (space, control, non-ASCII)."""
    odd, after_end = 0, np.isin(np.arange(256), list(b',;"\r\n'))
    for i in range(0, len(data), chunk):
        part = data[i:i + chunk]
        odd += int(np.count_nonzero((part - np.uint8(32)) > 94))  # wraps below ' '
        after = np.flatnonzero(part == 32) + i + 1  # the byte after each space
        if after.size and (after[-1] == len(data) or after_end[data[after[after < len(data)]]].any()):
            return -1
    return odd


def _count(data: np.ndarray, byte: int, follow: int | None = None, chunk: int = 1 << 20) -> int:
    """How many times `byte` occurs (followed by `follow`), in chunks that stay in the CPU's cache (a
    whole-file comparison allocated an array as large as the file and took 0.7 s for 150 MB)."""
    if follow is None:
        return sum(int(np.count_nonzero(data[i:i + chunk] == byte)) for i in range(0, len(data), chunk))
    return sum(int(np.count_nonzero((data[i:i + chunk][:len(data) - i - 1] == byte) & (data[i + 1:i + chunk + 1] == follow)))
               for i in range(0, len(data) - 1, chunk))

