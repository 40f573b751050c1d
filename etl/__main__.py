"""Command line: `python -m etl build [--sources DIR] [--force]`, `snapshot --from DIR`, `fetch [SOURCE]` and
`ingest-practices FILE`."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from common.errors import EtlError
from common.paths import SHARED_SOURCES, db_path, snapshots_dir

# The summary's columns: heading and width.
COUNTS = {"rows_read": ("read", 8), "rows_loaded": ("loaded", 8), "rows_quarantined": ("quarant.", 8),
          "rows_duplicate": ("dupl.", 6), "rows_out_of_scope": ("outside", 8)}


def _line(name: str, cells: list[str]) -> str:
    return f"{name:<66} " + " ".join(f"{cell:>{width}}" for cell, (_, width) in zip(cells, COUNTS.values()))


def format_summary(stats: pd.DataFrame) -> str:
    """Per source file: rows read, loaded, quarantined (by reason), duplicates and outside the scope (by reason)."""
    lines = [_line("source / file", [heading for heading, _ in COUNTS.values()])]
    for row in stats.sort_values(["source", "source_file"]).itertuples():
        lines.append(_line(f"{row.source}/{row.source_file}", [f"{int(getattr(row, c)):,}" for c in COUNTS]))
        for kind, reasons in (("quarantined", row.quarantine_reasons), ("outside the scope", row.out_of_scope_reasons)):
            lines += [f"    {kind} {n:>7,}: {reason}" for reason, n in json.loads(reasons or "{}").items()]
    lines.append(_line("total", [f"{int(stats[c].sum()):,}" for c in COUNTS]))
    return "\n".join(lines)


def snapshot_command(args: argparse.Namespace) -> int:
    """`snapshot` and `fetch`: one line per file; non-zero when a file was refused or failed."""
    from etl import snapshots
    from etl.land import source_inputs

    if args.command == "snapshot":
        changes = snapshots.take(source_inputs(args.source_dir.resolve()), snapshots_dir(), args.retrieved)
    else:
        changes = snapshots.fetch(snapshots_dir(), args.source, args.accept)
    for change in changes:
        print(change)
    print(", ".join(f"{status}: {n}" for status, n in Counter(c.status for c in changes).items()) or "nothing to do")
    return 1 if any(c.status in ("refused", "failed") for c in changes) else 0


def build_command(args: argparse.Namespace) -> int:
    from etl.build import build  # imported late so --help stays fast

    db = db_path()
    try:
        result = build(db, sources=args.sources.resolve() if args.sources else None, force=args.force)
    except KeyboardInterrupt:
        print("error: interrupted; the live warehouse was not changed", file=sys.stderr)
        return 130
    if not result.built:
        print(f"{db}: {result.message}")
        return 0
    print(f"Built {db} from {result.origin}")
    print(format_summary(result.file_stats))
    print("tables: " + ", ".join(f"{t} {n:,}" for t, n in sorted(result.table_rows.items())))
    for w in result.warnings:
        print(f"warning: {w}")
    print(f"done in {result.seconds:.1f} s")
    return 0


def ingest_command(args: argparse.Namespace) -> int:
    """The submissions store's ingest, comparing rows with the fact sheet's practices as a build reads them."""
    from etl.land import practice_names
    from practices.ingest import command

    return command(args.file, factsheet=practice_names())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the warehouse (default: from the raw snapshots under data/snapshots)")
    b.add_argument("--sources", type=Path, help="build from raw files laid out like ../shared/data-sources instead")
    b.add_argument("--force", action="store_true", help="rebuild even if the inputs have not changed")
    b.set_defaults(run=build_command)
    s = sub.add_parser("snapshot", help="copy the raw files the ETL reads into data/snapshots, with checksums")
    s.add_argument("--from", dest="source_dir", type=Path, default=SHARED_SOURCES,
                   help=f"a folder laid out like ../shared/data-sources (default {SHARED_SOURCES})")
    s.add_argument("--retrieved", default=None, help="the retrieval date to record for changed files (default today)")
    s.set_defaults(run=snapshot_command)
    f = sub.add_parser("fetch", help="download the snapshot files again from their recorded url and compare")
    f.add_argument("source", nargs="?", help="one source folder (default: every source)")
    f.add_argument("--accept", action="store_true", help="take a file whose checksum differs from the snapshot's")
    f.set_defaults(run=snapshot_command)
    i = sub.add_parser("ingest-practices", help="add a form export (CSV, XLSX, JSON) of practices to the review queue")
    i.add_argument("file", type=Path)
    i.set_defaults(run=ingest_command)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except EtlError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
