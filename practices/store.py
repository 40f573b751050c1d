"""The practice submissions store: a SQL database through SQLAlchemy (SQLite by default, PostgreSQL when shared).

Tables (schema in practices/migrations, applied with Alembic when a store opens):

    submissions    one row per submission: the record (JSON), its state and a version number
    decisions      one row per review decision; (ref, version) is unique, so of two reviewers deciding
                   on the same version one fails, and a CHECK allows only the moves in TRANSITIONS
    refused_rows   refused rows of ingested files: public fields, reasons (reviewers), public reasons
    abuse_events   submissions and failed reviewer sign-ins, for limits that hold across sessions,
                   browsers and replicas

Where: GCM_PRACTICES_DB_URL (any SQLAlchemy URL, e.g. postgresql+psycopg://…), else the SQLite file
practices.sqlite3 in GCM_SUBMISSIONS (default data/submissions/), so a fresh clone needs nothing.
This package does not import streamlit: the app passes in the engine of its st.connection.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from common.paths import submissions_dir
from practices.record import ACTOR_TEXT, REF_PATTERN, STATUS_TEXT, public_view

STATES = ("submitted", "changes_requested", "approved", "rejected", "published", "unpublished", "taken_down")
PENDING = ("submitted", "changes_requested")
# Allowed moves between review states (the database's CHECK holds the same list). A published
# practice can be unpublished or taken down, with a reason, and a reviewer can undo either.
TRANSITIONS = {
    "submitted": {"approved", "changes_requested", "rejected"},
    "changes_requested": {"submitted", "approved", "rejected"},
    "approved": {"published", "rejected"},
    "rejected": set(),
    "published": {"unpublished", "taken_down"},
    "unpublished": {"published", "taken_down"},
    "taken_down": {"published"},
}
DB_FILE = "practices.sqlite3"
MIGRATIONS = Path(__file__).parent / "migrations"

META = sa.MetaData()
SUBMISSIONS = sa.Table("submissions", META, sa.Column("ref", sa.String, primary_key=True),
                       sa.Column("submitted_at", sa.String), sa.Column("origin", sa.String),
                       sa.Column("record", sa.Text), sa.Column("state", sa.String), sa.Column("version", sa.Integer),
                       sa.Column("public_note", sa.Text))
DECISIONS = sa.Table("decisions", META, sa.Column("id", sa.Integer, primary_key=True), sa.Column("ref", sa.String),
                     sa.Column("version", sa.Integer), sa.Column("from_state", sa.String),
                     sa.Column("state", sa.String), sa.Column("by", sa.String), sa.Column("at", sa.String),
                     sa.Column("note", sa.Text), sa.Column("public_note", sa.Text))
REFUSED = sa.Table("refused_rows", META, sa.Column("key", sa.String, primary_key=True), sa.Column("file", sa.String),
                   sa.Column("line", sa.Integer), sa.Column("raw", sa.Text), sa.Column("reasons", sa.Text),
                   sa.Column("public_reasons", sa.Text), sa.Column("at", sa.String))
ABUSE = sa.Table("abuse_events", META, sa.Column("id", sa.Integer, primary_key=True), sa.Column("kind", sa.String),
                 sa.Column("subject", sa.String), sa.Column("at", sa.Float))


class TransitionError(ValueError):
    """A review decision that the submission's current state does not allow."""


class ConcurrentDecision(TransitionError):
    """Another reviewer decided on the same submission first: this decision was not recorded."""


class StoreUnavailable(RuntimeError):
    """The database cannot be written (full disk, read-only file, server down): say so, keep nothing half-done."""


@dataclass
class Submission:
    """One submission with its current state and history (oldest first)."""

    ref: str
    submitted_at: str
    origin: str
    record: dict[str, Any]
    state: str = "submitted"
    history: list[dict[str, Any]] = field(default_factory=list)
    version: int = 0
    public_note: str = ""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def store_url(root: Path | None = None) -> str:
    """The database's SQLAlchemy URL: GCM_PRACTICES_DB_URL, else the SQLite file in the submissions folder."""
    configured = os.environ.get("GCM_PRACTICES_DB_URL", "").strip()
    if configured and root is None:
        return configured
    folder = Path(root) if root is not None else submissions_dir()
    return f"sqlite:///{folder / DB_FILE}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers go on while one writer writes; writers wait (busy_timeout) instead of failing.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


_migrated: set[str] = set()
_migrating = threading.Lock()


def prepare(engine: Engine) -> Engine:
    """Set SQLite's pragmas on the engine and bring its schema up to the latest migration (once per process)."""
    key = str(engine.url)
    if engine.dialect.name == "sqlite" and not getattr(engine, "_gcm_pragmas", False):
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        engine._gcm_pragmas = True  # type: ignore[attr-defined]
        engine.dispose()  # connections made before the listener lack the pragmas
    with _migrating:
        if key not in _migrated:
            migrate(engine)
            _migrated.add(key)
    return engine


def migrate(engine: Engine, revision: str = "head") -> None:
    """Apply the Alembic migrations in practices/migrations up to `revision`."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":  # one migrating replica at a time
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(180018)"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def ensure_folder(url: str) -> str:
    """`url`, with the folder of its SQLite file made if missing (a fresh clone has no data/submissions/).

    A `file:` URI (`?uri=true`, e.g. a read-only open) names an existing file: nothing is made, or a
    folder called `file:` would appear in the working directory."""
    database = sa.engine.make_url(url).database if url.startswith("sqlite:///") else None
    if database and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    return url


def _engine_for(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        return sa.create_engine(ensure_folder(url), connect_args={"timeout": 30, "check_same_thread": False})
    return sa.create_engine(url, pool_pre_ping=True)


_engines: dict[str, Engine] = {}


def engine_for(url: str) -> Engine:
    """One engine per URL and process (engines hold the connection pool)."""
    if url not in _engines:
        _engines[url] = prepare(_engine_for(url))
    return _engines[url]


class Store:
    """Submissions, review decisions, refused ingest rows and abuse counters in one SQL database."""

    def __init__(self, root: Path | None = None, engine: Engine | None = None, url: str | None = None):
        self.root = Path(root) if root is not None else submissions_dir()
        self.engine = prepare(engine) if engine is not None else engine_for(url or store_url(root))

    def _write(self):
        """A transaction; a database that cannot be written raises StoreUnavailable, not a generic error."""
        return _Writing(self.engine)

    # --- writing ---------------------------------------------------------------------------

    def submit(self, ref: str, record: dict[str, Any], origin: str) -> bool:
        """Store a validated record under `ref`; False if that reference is already taken."""
        if not REF_PATTERN.match(ref):
            raise ValueError(f"not a submission reference: {ref!r}")
        try:
            with self._write() as conn:
                conn.execute(SUBMISSIONS.insert().values(
                    ref=ref, submitted_at=_now(), origin=origin[:200], state="submitted", version=0, public_note="",
                    record=json.dumps(record, ensure_ascii=False, sort_keys=True, default=str)))
        except IntegrityError:
            return False
        return True

    def decide(self, ref: str, state: str, by: str, note: str = "", public_note: str | None = None,
               expected_version: int | None = None) -> Submission:
        """Record a review decision (a move to `state`) and return the submission after it.

        `expected_version`: the version the reviewer saw; a decision on an older one fails
        (ConcurrentDecision), as does the second of two decisions made at the same moment.
        """
        current = self.get(ref)
        if current is None:
            raise KeyError(ref)
        if expected_version is not None and expected_version != current.version:
            raise ConcurrentDecision(f"{ref} changed since it was shown (now {current.state})")
        if state not in TRANSITIONS[current.state]:
            raise TransitionError(f"{ref} is {current.state}; it cannot become {state}")
        public = current.public_note if public_note is None else public_note
        try:
            with self._write() as conn:
                conn.execute(DECISIONS.insert().values(
                    ref=ref, version=current.version, from_state=current.state, state=state, by=by[:200], at=_now(),
                    note=note, public_note=public))
                moved = conn.execute(SUBMISSIONS.update().where(
                    SUBMISSIONS.c.ref == ref, SUBMISSIONS.c.version == current.version).values(
                    state=state, version=current.version + 1, public_note=public)).rowcount
                if moved != 1:
                    raise ConcurrentDecision(f"{ref} was decided by another reviewer first")
        except IntegrityError:
            raise ConcurrentDecision(f"{ref} was decided by another reviewer first") from None
        return self.get(ref)  # type: ignore[return-value]

    def approve(self, ref: str, by: str, note: str = "", expected_version: int | None = None) -> Submission:
        """Approve a submission, and publish it at once when its submitter consented to publication.

        A file row that does not record consent stays approved until a reviewer publishes it.
        """
        sub = self.decide(ref, "approved", by, note, expected_version=expected_version)
        if sub.record.get("consent") is True:
            sub = self.decide(ref, "published", by, expected_version=sub.version)
        return sub

    def quarantine(self, key: str, payload: dict[str, Any]) -> bool:
        """Keep a refused ingest row under a name derived from its content; False if already kept."""
        try:
            with self._write() as conn:
                conn.execute(REFUSED.insert().values(
                    key=key, file=str(payload.get("file") or "")[:200], line=payload.get("line"),
                    raw=json.dumps(payload.get("raw") or {}, ensure_ascii=False),
                    reasons=json.dumps(payload.get("reasons") or [], ensure_ascii=False),
                    public_reasons=json.dumps(payload.get("public_reasons") or ["refused"], ensure_ascii=False),
                    at=str(payload.get("at") or _now())))
        except IntegrityError:
            return False
        return True

    def purge(self, ref: str) -> None:
        """Erase a submission and its history (a submitter's request to be forgotten; tests clean up with it)."""
        with self._write() as conn:
            conn.execute(DECISIONS.delete().where(DECISIONS.c.ref == ref))
            conn.execute(SUBMISSIONS.delete().where(SUBMISSIONS.c.ref == ref))

    # --- abuse limits ------------------------------------------------------------------------

    def count_events(self, kind: str, subject: str, since: float) -> int:
        """How many `kind` events `subject` ("*" for everyone) had since `since` (epoch seconds)."""
        where = [ABUSE.c.kind == kind, ABUSE.c.at >= since]
        if subject != "*":
            where.append(ABUSE.c.subject == subject)
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(ABUSE).where(*where)).scalar_one())

    def event_times(self, kind: str, subject: str, since: float) -> list[float]:
        """The times of `subject`'s `kind` events since `since`, oldest first."""
        with self.engine.connect() as conn:
            return [float(t) for (t,) in conn.execute(sa.select(ABUSE.c.at).where(
                ABUSE.c.kind == kind, ABUSE.c.subject == subject, ABUSE.c.at >= since).order_by(ABUSE.c.at))]

    def last_event(self, kind: str, subject: str) -> float | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.max(ABUSE.c.at)).where(
                ABUSE.c.kind == kind, ABUSE.c.subject == subject)).scalar_one()

    def record_event(self, kind: str, subjects: Iterable[str], at: float | None = None) -> None:
        """Count one event for each subject (a client address, an account)."""
        moment = time.time() if at is None else at
        with self._write() as conn:
            conn.execute(ABUSE.insert(), [{"kind": kind, "subject": s[:200], "at": moment} for s in subjects])
            # Old events only slow the counts down: a day is the longest window any limit uses.
            conn.execute(ABUSE.delete().where(ABUSE.c.at < moment - 86400 * 2))

    # --- reading ---------------------------------------------------------------------------

    def version(self) -> str:
        """Changes whenever a submission, decision or refused row is added or removed: for caches of what
        the store holds. A digest of every submission's state (`fingerprint`), not counts and the latest
        decision id: after a purge those came back to earlier values (SQLite reuses the largest id), so a
        cache kept for that earlier state, with the purged practice in it, was served again."""
        return f"{self.engine.url}|{self.fingerprint()}"

    def fingerprint(self) -> str:
        """A digest of every submission's state and every refused row: what a warehouse build copies."""
        h = hashlib.sha256()
        with self.engine.connect() as conn:
            for ref, version, state in conn.execute(sa.select(SUBMISSIONS.c.ref, SUBMISSIONS.c.version,
                                                              SUBMISSIONS.c.state).order_by(SUBMISSIONS.c.ref)):
                h.update(f"{ref}:{version}:{state}\n".encode())
            for (key,) in conn.execute(sa.select(REFUSED.c.key).order_by(REFUSED.c.key)):
                h.update(f"refused:{key}\n".encode())
        return h.hexdigest()

    def _load(self, where=None, ref: str | None = None) -> list[Submission]:
        query = sa.select(SUBMISSIONS).order_by(SUBMISSIONS.c.submitted_at, SUBMISSIONS.c.ref)
        if where is not None:
            query = query.where(where)
        events = sa.select(DECISIONS).order_by(DECISIONS.c.ref, DECISIONS.c.id)
        if ref is not None:
            events = events.where(DECISIONS.c.ref == ref)
        elif where is not None:
            events = events.where(DECISIONS.c.ref.in_(sa.select(SUBMISSIONS.c.ref).where(where)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            history: dict[str, list[dict[str, Any]]] = {}
            for e in conn.execute(events).mappings():
                history.setdefault(e["ref"], []).append({k: e[k] for k in ("state", "by", "at", "note")})
        out = []
        for r in rows:
            record = _record(r["record"])
            if record is None:
                continue  # listed by damaged(), for reviewers; never shown half-read
            sub = Submission(r["ref"], r["submitted_at"], r["origin"], record, r["state"],
                             [{"state": "submitted", "by": r["origin"], "at": r["submitted_at"], "note": ""}],
                             r["version"], r["public_note"] or "")
            sub.history += history.get(r["ref"], [])
            out.append(sub)
        return out

    def submissions(self, states: Iterable[str] | None = None) -> list[Submission]:
        """Every submission (or those in `states`, by the state index), oldest first, with its history."""
        return self._load(SUBMISSIONS.c.state.in_(list(states)) if states is not None else None)

    def published(self) -> list[Submission]:
        """The published submissions only: what the public pages and the warehouse may show."""
        return self.submissions(["published"])

    def get(self, ref: str) -> Submission | None:
        """One submission, or None; reads only its own rows."""
        if not REF_PATTERN.match(ref or ""):
            return None
        found = self._load(SUBMISSIONS.c.ref == ref, ref=ref)
        return found[0] if found else None

    def status(self, ref: str) -> tuple[str, str] | None:
        """A submission's state and the reviewer's public note, for the public lookup; None if unknown."""
        if not REF_PATTERN.match((ref or "").strip().upper()):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(SUBMISSIONS.c.state, SUBMISSIONS.c.public_note).where(
                SUBMISSIONS.c.ref == ref.strip().upper())).first()
        return (row[0], row[1] or "") if row else None

    def damaged(self) -> list[str]:
        """References whose stored record cannot be read (written by hand or damaged): for reviewers to see."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(SUBMISSIONS.c.ref, SUBMISSIONS.c.record)).all()
        return [ref for ref, text in rows if _record(text) is None]

    def quarantined(self) -> list[dict[str, Any]]:
        """Refused ingest rows, oldest first (reviewers only: `raw` and `reasons` quote what was sent)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(REFUSED).order_by(REFUSED.c.at, REFUSED.c.file, REFUSED.c.line)).mappings()
            return [{"file": r["file"], "line": r["line"], "raw": _json(r["raw"], {}), "reasons": _json(r["reasons"], []),
                     "public_reasons": _json(r["public_reasons"], []), "at": r["at"]} for r in rows]


_WRITES = itertools.count(1)
_last_write = [0]  # the number of this process's latest committed write


def last_write() -> int:
    """Changes whenever this process commits a write to any store: a reader keeping a store's version
    for a moment (gcm.queries.practices) knows its own writes at once."""
    return _last_write[0]


class _Writing:
    """engine.begin(), with write failures (full disk, read-only file, lost server) as StoreUnavailable."""

    def __init__(self, engine: Engine):
        self._ctx = engine.begin()

    def __enter__(self):
        try:
            return self._ctx.__enter__()
        except sa.exc.OperationalError as exc:
            raise StoreUnavailable(str(exc.orig)) from None

    def __exit__(self, kind, exc, tb):
        try:
            self._ctx.__exit__(kind, exc, tb)
        except sa.exc.OperationalError as err:
            raise StoreUnavailable(str(err.orig)) from None
        if kind is not None and issubclass(kind, sa.exc.OperationalError):
            raise StoreUnavailable(str(exc.orig)) from None
        _last_write[0] = next(_WRITES)  # also after a failed transaction: a harmless extra miss
        return False


def _json(text: str | None, default: Any) -> Any:
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


def _record(text: str | None) -> dict[str, Any] | None:
    """A stored record, or None when it is not a JSON object with a title (the shape every reader needs)."""
    value = _json(text, None)
    if not isinstance(value, dict) or not isinstance(value.get("title"), str):
        return None
    if not isinstance(value.get("countries", []), list) or not isinstance(value.get("objectives", []), list):
        return None
    return value


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
