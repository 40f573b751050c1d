"""Decoding text files: UTF-8 (with or without a BOM), else Windows-1252, and which separator a header uses.

Shared by the ETL's readers (etl.readers) and the ingest of practice submissions (practices.ingest).
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Sequence

from common.errors import EtlError


def decode_file(path: Path) -> str:
    """A text file's contents: UTF-16 with its BOM, UTF-8 (BOM or not), else Windows-1252; one EtlError line if unreadable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise EtlError(path, "file not found") from None
    except OSError as exc:
        raise EtlError(path, f"cannot read file ({exc.strerror or exc})") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # Spreadsheet exports from Windows in the region are often Latin-1 / cp1252.
        return raw.decode("cp1252", errors="replace")


def sniff_separator(header_line: str, required: Sequence[str] = ()) -> str:
    """The separator a header line uses most: comma, semicolon or tab (comma if none); but when
    splitting on it loses a `required` column and another separator keeps them all, that one (a
    `;` header whose names hold commas: "Participant;Ratification, Accession(a), Succession(d)")."""
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    best = best if counts[best] else ","
    if required:
        for sep in [best] + [s for s in counts if s != best and counts[s]]:
            try:
                names = {h.strip() for h in next(csv.reader([header_line], delimiter=sep))}
            except (csv.Error, StopIteration):
                continue
            if all(r in names for r in required):
                return sep
    return best
