"""The practice submissions store: an append-only folder of small JSON files, outside the warehouse.

Layout under the store's root (GCM_SUBMISSIONS, default data/submissions):

    records/<ref>.json                 one submission, written once, never changed
    events/<ref>~<time>~<random>.json  one review decision (state, who, when, note)
    quarantine/<digest>.json           one refused row of an ingested file, with a reason per field

Why files and not a database: every write creates a new file under a unique name and nothing is
ever rewritten, so writers need no lock. Two submissions at the same moment are two files; two
replicas of the app can share the folder (a network file system such as NFS or EFS mounted at
the same path), and the same layout maps one-to-one onto an object store whose "create only if
absent" put plays the part of the hard link used below. A record's state is worked out by
replaying its events in time order, so readers never see half a decision.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets as _secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from common.paths import submissions_dir
from practices.record import ACTOR_TEXT, REF_PATTERN, STATUS_TEXT, public_view

STATES = ("submitted", "changes_requested", "approved", "rejected", "published")
PENDING = ("submitted", "changes_requested")
# Allowed moves between review states; anything else is refused (and ignored on replay).
TRANSITIONS = {
    "submitted": {"approved", "changes_requested", "rejected"},
    "changes_requested": {"submitted", "approved", "rejected"},
    "approved": {"published", "rejected"},
    "rejected": set(),
    "published": set(),
}


class TransitionError(ValueError):
    """A review decision that the submission's current state does not allow."""


@dataclass
class Submission:
    """One submission with its current state and history (oldest first)."""

    ref: str
    submitted_at: str
    origin: str
    record: dict[str, Any]
    state: str = "submitted"
    history: list[dict[str, Any]] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _stamp(moment: datetime) -> str:
    """A sortable, file-name-safe UTC time: 20261122T183000.123456Z."""
    return moment.strftime("%Y%m%dT%H%M%S.%fZ")


def _create(path: Path, payload: dict[str, Any]) -> bool:
    """Write `payload` to `path` only if no file is there yet; False if one is. Atomic.

    The content goes to a private temporary file first and is hard-linked into place, so a
    reader sees either no file or the whole file, and of two writers of one name exactly one wins.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{_secrets.token_hex(8)}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, sort_keys=True, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        return True
    finally:
        tmp.unlink(missing_ok=True)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None  # a file being replaced or damaged by hand: skipped, never fatal


class Store:
    """Submissions, review events and quarantined ingest rows under one folder."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root is not None else submissions_dir()
        self.records_dir = self.root / "records"
        self.events_dir = self.root / "events"
        self.quarantine_dir = self.root / "quarantine"

    # --- writing ---------------------------------------------------------------------------

    def submit(self, ref: str, record: dict[str, Any], origin: str) -> bool:
        """Store a validated record under `ref`; False if that reference is already taken."""
        if not REF_PATTERN.match(ref):
            raise ValueError(f"not a submission reference: {ref!r}")
        payload = {"ref": ref, "submitted_at": _now().isoformat(timespec="microseconds"), "origin": origin,
                   "record": record}
        return _create(self.records_dir / f"{ref}.json", payload)

    def decide(self, ref: str, state: str, by: str, note: str = "") -> Submission:
        """Record a review decision (a move to `state`) and return the submission after it."""
        current = self.get(ref)
        if current is None:
            raise KeyError(ref)
        if state not in TRANSITIONS[current.state]:
            raise TransitionError(f"{ref} is {current.state}; it cannot become {state}")
        # Strictly after the last decision, so replay order is the order decisions were made.
        last = datetime.fromisoformat(current.history[-1]["at"])
        moment = max(_now(), last + timedelta(microseconds=1))
        payload = {"ref": ref, "state": state, "by": by, "at": moment.isoformat(timespec="microseconds"),
                   "note": note}
        _create(self.events_dir / f"{ref}~{_stamp(moment)}~{_secrets.token_hex(4)}.json", payload)
        return self.get(ref)  # type: ignore[return-value]

    def approve(self, ref: str, by: str, note: str = "") -> Submission:
        """Approve a submission, and publish it at once when its submitter consented to publication.

        A file row that does not record consent stays approved until a reviewer publishes it.
        """
        sub = self.decide(ref, "approved", by, note)
        if sub.record.get("consent") is True:
            sub = self.decide(ref, "published", by)
        return sub

    def quarantine(self, key: str, payload: dict[str, Any]) -> bool:
        """Keep a refused ingest row under a name derived from its content; False if already kept."""
        return _create(self.quarantine_dir / f"{key}.json", payload)

    # --- reading ---------------------------------------------------------------------------

    def version(self) -> str:
        """Changes whenever a file is added: for caches of what the store holds."""
        parts = []
        for folder in (self.records_dir, self.events_dir, self.quarantine_dir):
            try:
                st = folder.stat()
                parts.append(f"{st.st_mtime_ns}:{len(os.listdir(folder))}")
            except FileNotFoundError:
                parts.append("-")
        return f"{self.root}|" + "|".join(parts)

    def fingerprint(self) -> str:
        """A digest of every file's name: files are never rewritten, so names are enough."""
        h = hashlib.sha256()
        for folder in (self.records_dir, self.events_dir, self.quarantine_dir):
            if folder.is_dir():
                for name in sorted(os.listdir(folder)):
                    if name.endswith(".json"):
                        h.update(f"{folder.name}/{name}\n".encode())
        return h.hexdigest()

    def _events(self, ref: str = "*") -> dict[str, list[dict[str, Any]]]:
        """Decisions by reference, in time order: every submission's, or one's."""
        out: dict[str, list[dict[str, Any]]] = {}
        if not self.events_dir.is_dir():
            return out
        for path in sorted(self.events_dir.glob(f"{ref}~*.json")):  # names sort by reference, then time
            event = _read(path)
            if event and event.get("state") in TRANSITIONS:
                out.setdefault(path.name.split("~", 1)[0], []).append(event)
        return out

    @staticmethod
    def _replay(path: Path, events: dict[str, list[dict[str, Any]]]) -> Submission | None:
        """The submission stored at `path` with its state worked out from its decisions."""
        data = _read(path)
        if not data or data.get("ref") != path.stem:
            return None
        sub = Submission(data["ref"], data["submitted_at"], data.get("origin", ""), data["record"])
        sub.history.append({"state": "submitted", "by": sub.origin, "at": sub.submitted_at, "note": ""})
        for event in events.get(sub.ref, []):
            if event["state"] in TRANSITIONS[sub.state]:  # replay: a move made stale by another is ignored
                sub.state = event["state"]
                sub.history.append({k: event.get(k, "") for k in ("state", "by", "at", "note")})
        return sub

    def submissions(self) -> list[Submission]:
        """Every submission, oldest first, with its state worked out from its events."""
        if not self.records_dir.is_dir():
            return []
        events = self._events()
        subs = (self._replay(path, events) for path in self.records_dir.glob("GCM-*.json"))
        return sorted((s for s in subs if s is not None), key=lambda s: (s.submitted_at, s.ref))

    def get(self, ref: str) -> Submission | None:
        """One submission, or None; reads only its own files."""
        if not REF_PATTERN.match(ref or ""):
            return None
        path = self.records_dir / f"{ref}.json"
        return self._replay(path, self._events(ref)) if path.is_file() else None

    def quarantined(self) -> list[dict[str, Any]]:
        """Refused ingest rows, oldest first."""
        if not self.quarantine_dir.is_dir():
            return []
        rows = [r for r in (_read(p) for p in self.quarantine_dir.glob("*.json")) if r]
        return sorted(rows, key=lambda r: (r.get("at", ""), r.get("file", ""), r.get("line", 0)))


def practice_frames(submissions: list[Submission]) -> dict[str, pd.DataFrame]:
    """Submissions as rows of the practices, practice_objectives and practice_countries tables.

    Contact details never leave the store: only the public view of each record is used.
    """
    practices, objectives, countries = [], [], []
    for sub in submissions:
        rec = public_view(sub.record)
        links = rec.get("links") or []
        decided = [h["at"] for h in sub.history[1:]]
        practices.append({
            "practice_id": sub.ref,
            "title": rec.get("title"),
            "original_name": None,
            "countries_text": "; ".join(rec.get("countries") or []),
            "year_start": rec.get("year_start"),
            "actors": rec.get("actor"),
            "actor_type": ACTOR_TEXT.get(rec.get("actor_type") or "", None),
            "primary_objective_id": (rec.get("objectives") or [None])[0],
            "objective_rationale": None,
            "practice_status": STATUS_TEXT.get(rec.get("practice_status") or "", None),
            "summary": rec.get("summary"),
            "source_urls": " ; ".join(links) if links else None,
            "verified": None,
            "level": rec.get("level"),
            "language": rec.get("language"),
            "status": sub.state,
            "source_file": "submissions",
            "year_end": rec.get("year_end"),
            "partners": rec.get("partners"),
            "target_group": rec.get("target_group"),
            "results": rec.get("results"),
            "lessons": rec.get("lessons"),
            "replicability": rec.get("replicability"),
            "guiding_principles": "; ".join(rec.get("guiding_principles") or []) or None,
            "submitted_at": sub.submitted_at,
            "reviewed_at": decided[-1] if decided else None,
        })
        for i, obj in enumerate(rec.get("objectives") or []):
            objectives.append({"practice_id": sub.ref, "objective_id": obj, "is_primary": i == 0, "rationale": None})
        role = "member" if rec.get("level") == "regional" else "implementer"
        for code in rec.get("countries") or []:
            countries.append({"practice_id": sub.ref, "country_iso3": code, "role": role})
    return {
        "practices": pd.DataFrame(practices),
        "practice_objectives": pd.DataFrame(objectives),
        "practice_countries": pd.DataFrame(countries),
    }
