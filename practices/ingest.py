"""Ingest a form tool's export of practice submissions (CSV, XLSX or JSON) into the submissions store.

Valid rows become submissions waiting for review, never published directly. A row with bad
fields goes to the store's quarantine with a reason per field. A row that repeats one already
submitted, or is a likely duplicate of a known practice (same country, near-identical title), is
reported and not stored again, so ingesting the same file twice adds nothing.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from common.errors import EtlError
from common.text import terminal_safe
from common.textfiles import decode_file, sniff_separator
from practices.record import PRIVATE_FIELDS, check, field_specs, likely_duplicate, reference_for, settings
from practices.store import Store

# How the warehouse names this source (dim_sources, quarantine, etl_file_stats).
SOURCE = "submissions"
TITLE = "Practices submitted through the GCM Dashboard's form and form-export ingest, with their review state"
LICENCE = ("Submitted by governments, civil society and others for publication with their consent; "
           "shown only after review; contact details are never published")
FILES = ["store"]

# The columns a file must have (as docs/practices.md lists them); the other fields of a record are
# optional columns.
REQUIRED_COLUMNS = ("title", "summary", "countries", "objectives", "actor", "actor_type", "year_start",
                    "source_url", "contact_email", "language")
JSON_LIST_KEYS = ("submissions", "practices", "records", "rows", "data", "items", "results")
WITHHELD = "(withheld)"


@dataclass
class IngestResult:
    """What happened to each row of one file."""

    file: str
    submitted: list[str] = field(default_factory=list)  # references
    quarantined: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, reasons)
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # (line, what it repeats)

    def summary(self) -> str:
        return f"submitted: {len(self.submitted)}, quarantined: {len(self.quarantined)}, duplicates: {len(self.duplicates)}"


def _column_name(header: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(header).replace("\ufeff", "").strip().lower())


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    text = decode_file(path)
    delimiter = sniff_separator(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise EtlError(path, "the file is empty") from None
    except csv.Error as exc:
        raise EtlError(path, f"unreadable CSV header ({exc})") from None
    rows: list[tuple[int, list[str]]] = []
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise EtlError(path, f"line {line}: unreadable CSV ({exc})") from None
        if any(cell.strip() for cell in row):
            rows.append((line, row))
        line = reader.line_num + 1
    return header, rows


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The first sheet's rows, read under limits: an XLSX is a zip, and a few MB can unpack to gigabytes.

    The members' declared sizes are checked before anything is unpacked, the sheet is streamed
    (openpyxl's read-only mode) and reading stops past the row and cell limits.
    """
    import zipfile

    import openpyxl

    limits = settings()["ingest"]
    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
            packed = max(1, sum(i.compress_size for i in zf.infolist()))
    except (zipfile.BadZipFile, OSError):
        raise EtlError(path, "unreadable XLSX workbook (not a zip file)") from None
    if unpacked > int(limits["max_xlsx_unpacked_mb"]) * 1024 * 1024 or unpacked / packed > int(limits["max_xlsx_ratio"]):
        raise EtlError(path, f"the workbook unpacks to {unpacked // (1024 * 1024)} MB "
                             f"({unpacked // packed}x its size): refused as a possible zip bomb")
    max_rows, max_cols = int(limits["max_rows"]), int(limits["max_columns"])
    values: list[list[str]] = []
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            for row in sheet.iter_rows(values_only=True, max_col=max_cols):
                if len(values) > max_rows:
                    raise EtlError(path, f"more than {max_rows} rows: split the file")
                values.append(["" if v is None else str(v) for v in row])
        finally:
            book.close()
    except EtlError:
        raise
    except Exception as exc:  # openpyxl raises several types for a damaged workbook
        raise EtlError(path, f"unreadable XLSX workbook ({type(exc).__name__})") from None
    while values and not any(v.strip() for v in values[-1]):
        values.pop()
    if not values:
        raise EtlError(path, "the first sheet is empty")
    width = max(len(r) for r in values)
    values = [r + [""] * (width - len(r)) for r in values]
    header = values[0]
    rows = [(i + 2, r) for i, r in enumerate(values[1:]) if any(v.strip() for v in r)]
    return header, rows


def _read_json(path: Path) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    text = decode_file(path)
    try:
        data = json.loads(text)
    except ValueError:
        try:  # JSON Lines: one object per line
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError as exc:
            raise EtlError(path, f"not valid JSON or JSON Lines ({exc})") from None
    if isinstance(data, dict):
        key = next((k for k in JSON_LIST_KEYS if isinstance(data.get(k), list)), None)
        if key is None:
            raise EtlError(path, f"expected a list of submissions, or an object with one of {', '.join(JSON_LIST_KEYS)}")
        data = data[key]
    if not isinstance(data, list):
        raise EtlError(path, "expected a list of submissions")
    header: list[str] = []
    for item in data:
        if isinstance(item, dict):
            header += [k for k in item if k not in header]
    rows: list[tuple[int, list[Any]]] = []
    for i, item in enumerate(data, start=1):
        if isinstance(item, dict):
            rows.append((i, [item.get(k) for k in header]))
        else:
            rows.append((i, [item] + [None] * (len(header) - 1)))  # not an object: refused below
    return [str(h) for h in header], rows


READERS = {".csv": _read_csv, ".txt": _read_csv, ".tsv": _read_csv, ".xlsx": _read_xlsx,
           ".json": _read_json, ".jsonl": _read_json}


def read_submissions(path: Path) -> tuple[list[str], list[tuple[int, dict[str, Any] | str]]]:
    """(field names, [(line, {field: value}) or (line, problem)]) from a CSV, XLSX or JSON export."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise EtlError(path, "unsupported file type; use .csv, .xlsx or .json")
    if not path.is_file():
        raise EtlError(path, "file not found")
    header, rows = reader(path)
    if len(rows) > int(settings()["ingest"]["max_rows"]):
        raise EtlError(path, f"more than {settings()['ingest']['max_rows']} rows: split the file")
    columns = [_column_name(h) for h in header]
    by_column = {spec.ingest_column: name for name, spec in field_specs().items()}
    by_column.update({name: name for name in field_specs()})
    fields = [by_column.get(c, f"_extra_{c}") for c in columns]
    repeated = sorted({c for c in columns if columns.count(c) > 1 and c})
    if repeated:
        raise EtlError(path, f"repeated column(s): {', '.join(repeated)}")
    missing = [c for c in REQUIRED_COLUMNS if by_column[c] not in fields]
    if missing:
        raise EtlError(path, f"missing column(s): {', '.join(missing)} (found: {', '.join(columns) or 'none'})")
    out: list[tuple[int, dict[str, Any] | str]] = []
    for line, values in rows:
        extra = values[len(fields):]
        if len(values) < len(fields) or any(v is not None and str(v).strip() for v in extra):
            out.append((line, f"row has {len(values)} fields, the header has {len(fields)}"))
            continue
        record = dict(zip(fields, values))
        size = sum(len(str(v)) for v in values if v is not None)
        if size > int(settings()["ingest"]["max_row_chars"]):  # extra columns have no field limit of their own
            out.append((line, f"row of {size} characters, more than {settings()['ingest']['max_row_chars']}"))
            continue
        if any(isinstance(v, (dict, list)) and k in ("title", "summary") for k, v in record.items()):
            out.append((line, "a text field holds a nested value"))
            continue
        out.append((line, record))
    return fields, out


def known_practices(subs: list, factsheet: pd.DataFrame | None = None) -> pd.DataFrame:
    """practice_id, title, countries: the fact sheet's practices (by title and original name) and `subs`.

    `factsheet` has one row per practice: practice_id, title, original_name, countries (a list of
    ISO3 codes). The caller reads it where it may: `python -m etl ingest-practices` from the fact
    sheet's snapshot with its adapter, the review page from the warehouse (this package imports
    neither). Without it, new rows are compared with the store alone.
    """
    frames = []
    if factsheet is not None and not factsheet.empty:
        sheet = factsheet
        # A practice is known by its English title and by its name in the original language.
        # The fact sheet's original names list several ("Estatuto ... (Decreto 216 de 2021); Permiso ...
        # (PPT)"): each part, with and without its parenthesis, is a name the practice is known by.
        parts = sheet[["practice_id", "original_name"]].assign(
            title=sheet["original_name"].fillna("").str.split(";")).explode("title")
        bare = parts.assign(title=parts["title"].str.replace(r"\([^()]*\)", " ", regex=True))
        names = pd.concat([sheet[["practice_id", "title"]], parts[["practice_id", "title"]],
                           bare[["practice_id", "title"]]])
        names["title"] = names["title"].str.strip()
        names = names.drop_duplicates()
        names = names[names["title"].notna() & (names["title"] != "")]
        lists = {str(p): [str(c) for c in places] for p, places in zip(sheet["practice_id"], sheet["countries"])}
        names["countries"] = [lists.get(str(p), []) for p in names["practice_id"]]
        frames.append(names.reset_index(drop=True))
    if subs:
        frames.append(pd.DataFrame({
            "practice_id": [s.ref for s in subs],
            "title": [s.record.get("title") for s in subs],
            "countries": [list(s.record.get("countries") or []) for s in subs],
        }))
    if not frames:
        return pd.DataFrame({"practice_id": [], "title": [], "countries": []})
    return pd.concat(frames, ignore_index=True)


def public_raw(record: dict[str, Any]) -> dict[str, str]:
    """A refused row as text for reviewers: the record's public fields only (an allow-list).

    Contact details and every column the record does not know (`correo`, `teléfono`, `whatsapp`…)
    are withheld, whatever their name.
    """
    public = set(field_specs()) - set(PRIVATE_FIELDS)
    out = {}
    for k, v in record.items():
        if k not in public:
            name = k[len("_extra_"):] if k.startswith("_extra_") else k
            out[name] = WITHHELD if v not in (None, "") else ""
        else:
            out[k] = "" if v is None else (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else str(v))
    return out


def ingest(path: Path, store: Store | None = None, name: str | None = None,
           factsheet: pd.DataFrame | None = None) -> IngestResult:
    """Add a file's valid rows to the store as submissions waiting for review; see the module docstring.

    `factsheet`: the fact sheet's practices (see known_practices), to flag rows that repeat one.
    """
    path = Path(path)
    store = store or Store()
    name = name or path.name
    _, rows = read_submissions(path)
    result = IngestResult(name)
    subs = store.submissions()
    taken = {s.ref for s in subs}
    known = known_practices(subs, factsheet)
    file_digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    for line, row in rows:
        if isinstance(row, str):
            reasons = public = [row]  # about the row's shape: quotes nothing from it
            raw: dict[str, str] = {}
        else:
            checked = check(row)
            reasons = [e.message("en") for e in checked.errors]  # may quote a value: for reviewers only
            public = [e.public_reason() for e in checked.errors]
            raw = public_raw(row)
        if reasons:
            result.quarantined.append((line, reasons))
            key = hashlib.sha256(f"{name}|{file_digest}|{line}".encode()).hexdigest()[:24]
            store.quarantine(key, {"file": name, "line": line, "raw": raw, "reasons": reasons, "public_reasons": public,
                                   "kind": "invalid", "at": pd.Timestamp.now("UTC").isoformat()})
            continue
        record = checked.record
        ref = reference_for(record)
        if ref in taken:
            result.duplicates.append((line, f"already submitted as {ref}"))
            continue
        twin = likely_duplicate(record["title"], record["countries"], known)
        if twin is not None:
            result.duplicates.append((line, f"likely duplicate of {twin}"))
            continue
        if not store.submit(ref, record, origin=f"file {name}"):
            result.duplicates.append((line, f"already submitted as {ref}"))  # by a run at the same moment
            continue
        taken.add(ref)
        result.submitted.append(ref)
        known = pd.concat([known, pd.DataFrame({"practice_id": [ref], "title": [record["title"]],
                                                "countries": [record["countries"]]})], ignore_index=True)
    return result


def command(path: Path, factsheet: pd.DataFrame | None = None) -> int:
    """`python -m etl ingest-practices FILE` (the ETL reads `factsheet` from its snapshot): ingest the file,
    print one line per submitted, refused or duplicate row, then the counts; the exit status."""
    store = Store()
    try:
        result = ingest(path, store, factsheet=factsheet)
    except EtlError as exc:  # names the file's columns: its text, escapes and all, is written escaped
        print(f"error: {terminal_safe(exc)}", file=sys.stderr)
        print("submitted: 0, quarantined: 0, duplicates: 0")
        return 2
    for ref in result.submitted:
        print(f"submitted {ref}")
    for line, reasons in result.quarantined:
        print(f"line {line}: quarantined: {terminal_safe('; '.join(reasons))}")
    for line, what in result.duplicates:
        print(f"line {line}: duplicate: {terminal_safe(what)}")
    print(f"store: {store.engine.url.render_as_string(hide_password=True)} (rows wait for review on the Review page)")
    print(result.summary())
    return 0
