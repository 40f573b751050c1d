"""Reading raw files in their native formats, and the parsing helpers every adapter shares.

Everything is read as text first so that no value is coerced before it is validated: a `<5`
must reach the adapter as `<5`, not as NaN.
"""
from __future__ import annotations

import csv
import io
import mmap
import os
from datetime import date
from pathlib import Path
from typing import Sequence

import duckdb
import numpy as np
import pandas as pd

from common.textfiles import decode_file, sniff_separator
from etl import duck
from etl.ledger import EtlError, Ledger

MAX_YEAR = date.today().year + 1
# No cell of any source comes near this: a longer one is a broken file (a stray quote, a pasted
# blob) and its row is quarantined rather than loaded. The csv module's own limit (128 KiB) would
# instead refuse the whole file, good rows included.
MAX_CELL_CHARS = 10_000
CSV_FIELD_LIMIT = 64 * 1024 * 1024
STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default str dtype, Arrow-backed


def read_csv(
    path: Path,
    required: Sequence[str] = (),
    header_rows: int = 1,
) -> pd.DataFrame:
    """Read a delimited text file as strings, with `_line` holding each row's physical line number.

    Handles a UTF-8 BOM, Latin-1 text, CRLF line ends, `,` `;` or tab separators, and
    surrounding spaces in headers and cells. With `header_rows=2` the two header rows are
    joined as "first | second" (the first row's blanks carry on from the left, as merged
    cells do). Raises EtlError for a missing or unreadable file or a missing required column.
    """
    path = Path(path)
    fast = _duckdb_rows(path, required) if header_rows == 1 else None
    if fast is not None:
        _check_required(path, list(fast.columns), required)
        return fast
    text = decode_file(path).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EtlError(path, "file is empty (no header line)")
    first_line = text.split("\n", 1)[0]
    sep = sniff_separator(first_line, required)
    # strict: an unterminated or misplaced quote is an error, not a cell that silently swallows
    # the following lines (and their rows) up to the next quote or the end of the file.
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    reader = csv.reader(io.StringIO(text), delimiter=sep, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
        if header_rows == 2:
            second = [h.strip() for h in next(reader)]
            carried, last = [], ""
            for h in header:
                last = h or last
                carried.append(last)
            header = [f"{a} | {b}" if a and b and a != b else (a or b) for a, b in zip(carried, second)]
        rows, lines = [], []
        width = len(header)
        for rec in reader:
            if not rec or (len(rec) == 1 and not rec[0].strip()):
                continue
            if len(rec) < width:
                rec = rec + [""] * (width - len(rec))
            elif len(rec) > width:
                extra = rec[width:]
                if any(x.strip() for x in extra):
                    rec = rec[:width] + ["\x00EXTRA:" + sep.join(extra)]
                else:
                    rec = rec[:width]
            rows.append(rec[: width + 1])
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise EtlError(path, f"line {reader.line_num}: unreadable CSV ({exc})") from None
    header = _unique_names(header)
    _check_required(path, header, required)
    has_extra = any(len(r) > width for r in rows)
    cols = header + (["_extra"] if has_extra else [])
    rows = [r + [""] * (len(cols) - len(r)) for r in rows]
    frame = pd.DataFrame(rows, columns=cols, dtype=object)
    for c in frame.columns:
        frame[c] = frame[c].astype(str).str.strip()
    frame["_line"] = np.asarray(lines, dtype="int64")
    return frame


def _check_required(path: Path, header: list[str], required: Sequence[str]) -> None:
    """EtlError naming the first required column the header lacks."""
    missing = [c for c in required if c not in header]
    if missing:
        raise EtlError(path, f"missing required column '{missing[0]}'")


# Every character Python's str.strip (and Arrow's utf8_trim_whitespace) removes: the 29 Unicode spaces.
WHITESPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())


def _plain_read(path: Path, required: Sequence[str] = ()) -> tuple[list[str], str, int, list[tuple[int, bytes]], str] | None:
    """When DuckDB's parallel CSV reader can read the whole file as the careful reader would: the
    header, the SQL that reads it (columns c0, c1…, the path as parameter $path), the number of data
    lines, the lines where a quote touches a space, and the separator. None otherwise.

    Row i is then physical line i + 2. Anything the careful reader treats specially (CR line ends,
    NUL bytes, text that is not UTF-8, a blank line, a quoted line break, a row narrower or wider
    than the header, a stray quote DuckDB refuses, a line of spaces) makes the read fail or its row
    count differ, and the careful reader runs, so both give the same rows or the careful reader's error.
    """
    facts = _plain_lines(path)
    if facts is None:
        return None
    first, physical, suspects = facts
    if not first.strip():
        return None
    sep = sniff_separator(first, required)
    try:
        header = _unique_names([h.strip() for h in next(csv.reader([first], delimiter=sep, strict=True))])
    except (csv.Error, StopIteration):
        return None
    # Column names and types are ours (c0, c1...) and the separator one of three: nothing from the
    # file reaches the SQL text; the path is a parameter. DuckDB's default maximum line (2 MB) is
    # kept: raising it made every read slower (3.3 s against 1.5 s for 130 MB), and a longer line
    # fails this read, so the careful reader reads the file and quarantines the line's long cell.
    # An empty cell is NULL to DuckDB and "" to the careful reader: coalesced as DuckDB reads.
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header)))
    # Stripping with a set of characters is slow: only cells that start or end with something other
    # than printable ASCII (a space, a tab, an accent…) go through it (17 s against 1.8 s at 100x).
    cells = ", ".join(f"CASE WHEN regexp_matches(c{i}, '^[^!-~]|[^!-~]$') THEN trim(c{i}, $ws) "
                      f"ELSE coalesce(c{i}, '') END AS c{i}" for i in range(len(header)))
    sql = (
        f"SELECT {cells} FROM read_csv($path, delim = '{sep}', quote = '\"', escape = '\"', header = false, skip = 1, "
        f"columns = {{{columns}}}, auto_detect = false, strict_mode = true, null_padding = false, "
        f"encoding = 'utf-8')"
    )
    return header, sql, physical, suspects, sep


def _same_as_careful_reader(rows: list[list[str]], header: list[str], suspects: list[tuple[int, bytes]],
                            sep: str) -> bool:
    """Whether the rows DuckDB read at the suspect lines (a quote beside a space: DuckDB drops the
    spaces where Python's csv keeps them or refuses the line) are the careful reader's."""
    for (_, line), cells in zip(suspects, rows):
        try:
            rec = next(csv.reader([line.decode("utf-8").removesuffix("\r")], delimiter=sep, strict=True))
        except (csv.Error, StopIteration, UnicodeDecodeError):
            return False
        if [c.strip() for c in rec] != list(cells):
            return False
    return True


def land_plain(con: duckdb.DuckDBPyConnection, path: Path, table: str, required: Sequence[str] = ()) -> list[str] | None:
    """Read a plain file (see _plain_read) straight into `table` of `con`: its text columns and
    `_line`, as read_csv would give them, without a copy through Python. The header, or None when
    the careful reader must read it (nothing is left behind then)."""
    plan = _plain_read(Path(path), required)
    if plan is None:
        return None
    header, sql, physical, suspects, sep = plan
    _check_required(Path(path), header, required)
    names = ", ".join(f'c{i} AS "{h.replace(chr(34), chr(34) * 2)}"' for i, h in enumerate(header))
    cells = f'"{table}__cells"'
    try:
        con.execute(f"CREATE TABLE {cells} AS SELECT {names} FROM ({sql})", {"path": str(path), "ws": WHITESPACE})
        n = con.execute(f"SELECT count(*) FROM {cells}").fetchall()[0][0]
        ok = n == physical
        if ok and suspects:
            got = con.execute(f"SELECT * FROM {cells} WHERE rowid IN ({', '.join(str(r) for r, _ in suspects)}) "
                              "ORDER BY rowid").fetchall()
            ok = _same_as_careful_reader(got, header, suspects, sep)
        if ok and len(header) == 1:  # a blank line, which the careful reader skips
            ok = not con.execute(f'SELECT count(*) FROM {cells} WHERE "{header[0].replace(chr(34), chr(34) * 2)}" = \'\'').fetchall()[0][0]
    except duckdb.Error:
        ok = False
    if not ok:
        con.execute(f"DROP TABLE IF EXISTS {cells}")
        return None
    # The line of row i is i + 2 (a plain file has one record per line after the header).
    con.execute(f'CREATE VIEW "{table}" AS SELECT *, rowid + 2 AS _line FROM {cells}')
    return header


def _duckdb_rows(path: Path, required: Sequence[str] = ()) -> pd.DataFrame | None:
    """The whole file through DuckDB's parallel CSV reader, as a frame, when it is plain (see _plain_read)."""
    plan = _plain_read(path, required)
    if plan is None:
        return None
    header, sql, physical, suspects, sep = plan
    con = duck.cursor()
    try:
        con.execute("SET arrow_large_buffer_size = true")  # large_string: what pandas' str columns hold
        table = con.sql(sql, params={"path": str(path), "ws": WHITESPACE}).to_arrow_table()
    except duckdb.Error:
        return None
    finally:
        con.close()
    if table.num_rows != physical:
        return None
    frame = pd.DataFrame({f"c{i}": pd.arrays.ArrowStringArray(c, dtype=STR) for i, c in enumerate(table.columns)})
    got = frame.iloc[[row for row, _ in suspects]].to_numpy().tolist() if suspects else []
    if not _same_as_careful_reader(got, header, suspects, sep):
        return None
    frame.columns = header
    if len(header) == 1 and (frame[header[0]] == "").any():  # a blank line, which the careful reader skips
        return None
    frame["_line"] = np.arange(2, len(frame) + 2, dtype="int64")
    return frame


def _plain_lines(path: Path) -> tuple[str, int, list[tuple[int, bytes]]] | None:
    """The header line, the number of data lines and the lines where a quote touches a space, when
    the file's bytes allow DuckDB's reader at all (None: let the careful reader read it).

    The file is mapped, not read: reading a gigabyte of input into Python's memory cost as much
    system time as the reads themselves, for bytes DuckDB reads again anyway.
    """
    try:
        with open(path, "rb") as fh:
            if os.fstat(fh.fileno()).st_size == 0:
                return None
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as raw:
                return _plain_lines_of(raw)
    except (OSError, ValueError):
        return None  # the careful reader reports it in one line


def _plain_lines_of(raw: mmap.mmap) -> tuple[str, int, list[tuple[int, bytes]]] | None:
    start = 3 if raw[:3] == b"\xef\xbb\xbf" else 0
    end = raw.find(b"\n", start)
    # A blank line needs no search here: DuckDB skips it, so the row count below differs (or, in a
    # one-column file, reads it as an empty cell, checked below), and the careful reader runs.
    if end < 0 or end + 1 >= len(raw) or raw.find(b"\x00") >= 0:
        return None
    # CRLF line ends read the same in both; a lone CR (a line end to the careful reader) does not.
    if raw.find(b"\r") >= 0 and (_lone_cr(raw) or raw.find(b"\n\r\n", end) >= 0):
        return None
    try:
        first = raw[start:end].decode("utf-8").removesuffix("\r")
    except UnicodeDecodeError:
        return None
    physical = _count_newlines(raw, end + 1) + (0 if raw[-1:] == b"\n" else 1)
    return first, physical, _quote_space_lines(raw, end + 1)


# Scans of a whole file go in chunks that stay in the CPU's cache: one pass over a 150 MB file
# allocated arrays as large as the file and took 0.7 s, where chunks take 0.1 s.
SCAN_CHUNK = 1 << 20


def _count_newlines(raw, start: int, stop: int | None = None, chunk: int = SCAN_CHUNK) -> int:
    """How many LF bytes `raw[start:stop]` holds (`raw`: bytes or a memory map)."""
    data = np.frombuffer(raw, dtype=np.uint8)[start:stop]
    hit = np.empty(min(chunk, len(data)), dtype=bool)
    count = 0
    for offset in range(0, len(data), chunk):
        part = data[offset: offset + chunk]
        count += int(np.count_nonzero(np.equal(part, 10, out=hit[: len(part)])))
    return count


def _lone_cr(raw, chunk: int = SCAN_CHUNK) -> bool:
    """Whether `raw` has a CR that is not followed by a LF."""
    data = np.frombuffer(raw, dtype=np.uint8)
    cr, lf = np.empty(chunk, dtype=bool), np.empty(chunk, dtype=bool)
    for offset in range(0, len(data), chunk):
        part = data[offset: offset + chunk + 1]
        n = min(chunk, len(part))
        np.equal(part[:n], 13, out=cr[:n])
        if offset + n >= len(data):  # the last byte has nothing after it
            following = np.append(part[1:n], np.uint8(0))
        else:
            following = part[1: n + 1]
        np.equal(following, 10, out=lf[:n])
        if np.count_nonzero(cr[:n]) != np.count_nonzero(cr[:n] & lf[:n]):
            return True
    return False


def _quote_space_lines(raw, body_start: int) -> list[tuple[int, bytes]]:
    """(data row index, line) of every line from `body_start` where a quote has a space or tab beside it."""
    if raw.find(b'"', body_start) < 0:  # most large files quote nothing: one fast scan
        return []
    hits = _quote_space_pairs(np.frombuffer(raw, dtype=np.uint8)[body_start:]) + body_start
    out, row, counted, seen = [], 0, body_start, -1
    for pos in hits.tolist():
        start = raw.rfind(b"\n", 0, pos) + 1
        if start == seen:
            continue
        row += _count_newlines(raw, counted, start)
        counted, seen = start, start
        stop = raw.find(b"\n", pos)
        out.append((row, raw[start: stop if stop >= 0 else len(raw)]))
    return out


def _quote_space_pairs(data: np.ndarray, chunk: int = SCAN_CHUNK) -> np.ndarray:
    """Positions i where data[i:i+2] is a quote beside a space or tab, either way round, in order."""
    quote, space, tab = (np.empty(chunk, dtype=bool) for _ in range(3))
    found = []
    for start in range(0, max(len(data) - 1, 0), chunk):
        pair = data[start: start + chunk + 1]
        n = len(pair) - 1
        first, second = pair[:n], pair[1:]
        q, s, t = quote[:n], space[:n], tab[:n]
        np.equal(first, 34, out=q)  # '"', then ' ' or '\t'
        np.equal(second, 32, out=s)
        np.equal(second, 9, out=t)
        hit = q & (s | t)
        np.equal(second, 34, out=q)  # ' ' or '\t', then '"'
        np.equal(first, 32, out=s)
        np.equal(first, 9, out=t)
        hit |= q & (s | t)
        if hit.any():
            found.append(np.flatnonzero(hit) + start)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def read_source(path: Path, required: Sequence[str], ledger: Ledger, source: str) -> pd.DataFrame:
    """What a Python adapter does first: read a file, count its rows as read, quarantine rows with an
    overlong cell and load exact duplicates once (the SQL models do the same in macros/ledger.sql)."""
    raw = read_csv(path, required=required)
    name = Path(path).name
    ledger.read(source, name, len(raw))
    return drop_exact_duplicates(quarantine_overlong(raw, ledger, source, name), ledger, source, name)


def quarantine_overlong(frame: pd.DataFrame, ledger: Ledger, source: str, file: str) -> pd.DataFrame:
    """Quarantine rows with a cell longer than MAX_CELL_CHARS, keeping only the start of each cell."""
    cols = [c for c in frame.columns if not str(c).startswith("_")]
    if frame.empty or not cols:
        return frame
    long = frame[cols].apply(lambda col: col.str.len() > MAX_CELL_CHARS).any(axis=1)
    if long.any():
        cut = frame.loc[long].copy()
        for c in cols:
            cut[c] = cut[c].where(cut[c].str.len() <= MAX_CELL_CHARS, cut[c].str.slice(0, 200) + "…")
        ledger.quarantine(source, file, cut, f"a cell longer than {MAX_CELL_CHARS:,} characters")
    return frame.loc[~long]


def _unique_names(header: list[str]) -> list[str]:
    """Blank header cells become column_N and repeated names get .2, .3…, so columns stay addressable."""
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(header, start=1):
        name = name or f"column_{i}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return out


def drop_exact_duplicates(frame: pd.DataFrame, ledger: Ledger, source: str, file: str) -> pd.DataFrame:
    """Keep the first of each group of identical rows; count the rest as duplicates."""
    dup = frame.duplicated(subset=[c for c in frame.columns if not str(c).startswith("_")], keep="first")
    ledger.duplicates(source, file, int(dup.sum()))
    return frame.loc[~dup]


def quarantine_conflicts(
    frame: pd.DataFrame,
    key: Sequence[str],
    ledger: Ledger,
    source: str,
    file: str,
) -> pd.DataFrame:
    """Quarantine every row whose key appears more than once (call after dropping exact duplicates).

    Two different values for the same country, year and measure cannot both be right, and
    we cannot tell which one is: neither is loaded.
    """
    clash = frame.duplicated(subset=list(key), keep=False)
    if clash.any():
        ledger.quarantine(
            source,
            file,
            frame.loc[clash],
            "conflicting duplicate: same key with different values",
            key_columns=list(key),
        )
    return frame.loc[~clash]


def parse_years(values: pd.Series, low: int = 1900, high: int = MAX_YEAR) -> pd.Series:
    """Whole years within [low, high] as Int64; anything else (text, 2010.5, 2099) becomes <NA>."""
    num = pd.to_numeric(values.astype(str).str.strip(), errors="coerce")
    ok = num.notna() & (num == np.floor(num)) & (num >= low) & (num <= high)
    return num.where(ok).astype("Int64")
