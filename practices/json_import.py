"""One-time import of the old JSON-file store (records/, events/, quarantine/) into the practices database.

    python -m practices.json_import FOLDER

Each record is checked for shape, its decisions replayed in time order under the same rules as
today's (a move the rules forbid is refused and reported), and the counts printed: imported,
already there, refused (with why). Running it again imports nothing twice.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from practices.ingest import public_raw
from practices.record import REF_PATTERN
from practices.store import DECISIONS, SUBMISSIONS, TRANSITIONS, Store, _record


@dataclass
class ImportReport:
    """What the import did with each file."""

    imported: int = 0
    already: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    refused_rows: int = 0

    def summary(self) -> str:
        return (f"imported: {self.imported}, already there: {self.already}, refused: {len(self.refused)}, "
                f"refused ingest rows: {self.refused_rows}")


def _read(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def import_json_store(folder: Path, store: Store) -> ImportReport:
    """Copy a JSON-file store's submissions, their decisions and its refused rows into `store`."""
    folder = Path(folder)
    report = ImportReport()
    events: dict[str, list[dict]] = {}
    for path in sorted((folder / "events").glob("*.json")):
        event = _read(path)
        ref = path.name.split("~", 1)[0]
        if isinstance(event, dict) and event.get("state") in TRANSITIONS:
            events.setdefault(ref, []).append(event)
        else:
            report.refused.append((f"events/{path.name}", "not a review decision"))
    for path in sorted((folder / "records").glob("*.json")):
        data = _read(path)
        if data is None:
            report.refused.append((f"records/{path.name}", "not valid JSON"))
            continue
        if (not isinstance(data, dict) or data.get("ref") != path.stem or not REF_PATTERN.match(path.stem)
                or _record(json.dumps(data.get("record"))) is None):
            report.refused.append((f"records/{path.name}", "not a submission record"))
            continue
        ref, state, version, rows = path.stem, "submitted", 0, []
        for event in sorted(events.get(ref, []), key=lambda e: str(e.get("at"))):
            if event["state"] not in TRANSITIONS[state]:
                report.refused.append((f"events/{ref}", f"a move from {state} to {event['state']} (ignored)"))
                continue
            rows.append({"ref": ref, "version": version, "from_state": state, "state": event["state"],
                         "by": str(event.get("by") or "")[:200], "at": str(event.get("at") or ""),
                         "note": str(event.get("note") or ""), "public_note": ""})
            state, version = event["state"], version + 1
        try:
            with store.engine.begin() as conn:
                conn.execute(SUBMISSIONS.insert().values(
                    ref=ref, submitted_at=str(data.get("submitted_at") or ""), origin=str(data.get("origin") or "")[:200],
                    record=json.dumps(data["record"], ensure_ascii=False, sort_keys=True), state=state,
                    version=version, public_note=""))
                if rows:
                    conn.execute(DECISIONS.insert(), rows)
        except IntegrityError:
            report.already += 1
            continue
        report.imported += 1
    for path in sorted((folder / "quarantine").glob("*.json")):
        row = _read(path)
        if not isinstance(row, dict):
            report.refused.append((f"quarantine/{path.name}", "not a refused row"))
            continue
        # The old store withheld only columns named like "mail" or "phone": keep the public fields only.
        raw = public_raw(row.get("raw") if isinstance(row.get("raw"), dict) else {})
        if store.quarantine(path.stem, {**row, "raw": raw, "public_reasons": ["refused (imported)"]}):
            report.refused_rows += 1
    return report


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m practices.json_import FOLDER", file=sys.stderr)
        return 2
    report = import_json_store(Path(argv[0]), Store())
    for name, why in report.refused:
        print(f"{name}: refused: {why}")
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
