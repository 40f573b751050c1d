"""Counting the reliability suites: cases tried, faults injected and rows accounted for, per suite.

Any test file can take part: mark a test `@pytest.mark.reliability("<suite>")` (a suite named in
SUITES) and, to report more than "one case", ask for the `tally` fixture and call `tally.cases(n)`,
`tally.faults(n)` or `tally.rows(...)`. At the end of a session that ran marked tests, the results
are merged by test id into build/reliability/results.json (git-ignored; `GCM_BUILD_DIR` moves the
build folder), so it holds the last run of each case. Tests never write a tracked file: the figures
in docs/reliability.md change only when someone runs `python -m tests.reliability.report`.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# Outputs of test runs live in the build folder, outside the tracked tree.
BUILD = Path(os.environ.get("GCM_BUILD_DIR") or ROOT / "build")
RESULTS = BUILD / "reliability" / "results.json"
MARK = "reliability"
_KEY = "reliability"

# The suites, in the order docs/reliability.md lists them. A suite with no case yet is listed as "to come".
SUITES = {
    "etl_faults": "ETL fault corpus: each adapter's valid fixture mutated (encoding, separators, truncation, "
                  "columns, types, countries, duplicates, years, long lines…)",
    "etl_builds": "whole builds (`python -m etl build --sources`) on bad files, over a good warehouse",
    "properties": "property-based tests (hypothesis) of the parsers and the CSV export",
    "runtime": "runtime faults: missing, corrupt or older warehouse; rebuild during use; full disk during a build",
    "hostile_urls": "every page with malicious and random URL parameters",
    "practice_form": "practice form, ingest and review page with hostile input (script tags, Markdown, SQL, "
                     "formulas, oversized text, right-to-left, emoji, combining marks; no credentials)",
}


@dataclass
class Record:
    """What one test contributed to its suite."""

    suite: str
    outcome: str = "not run"
    cases: int = 1
    faults: int = 0
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_duplicate: int = 0
    rows_out_of_scope: int = 0
    rows_lost: int = 0


class Tally:
    """The `tally` fixture: lets a test say how many cases, faults and rows it exercised."""

    def __init__(self, record: Record):
        self._r = record
        self._counted_cases = False

    def cases(self, n: int = 1) -> None:
        """Count `n` cases (the first call replaces the default of one case per test)."""
        if not self._counted_cases:
            self._r.cases, self._counted_cases = 0, True
        self._r.cases += int(n)

    def faults(self, n: int = 1) -> None:
        self._r.faults += int(n)

    def rows(self, read: int = 0, loaded: int = 0, quarantined: int = 0, duplicate: int = 0,
             out_of_scope: int = 0) -> None:
        """Add one file's accounting; rows lost are those read but neither loaded, quarantined, duplicates
        nor counted as outside the dashboard's scope."""
        self._r.rows_read += int(read)
        self._r.rows_loaded += int(loaded)
        self._r.rows_quarantined += int(quarantined)
        self._r.rows_duplicate += int(duplicate)
        self._r.rows_out_of_scope += int(out_of_scope)
        self._r.rows_lost += int(read) - int(loaded) - int(quarantined) - int(duplicate) - int(out_of_scope)

    def lost(self, n: int) -> None:
        """Rows lost some other way (e.g. from a warehouse that should have been kept)."""
        self._r.rows_lost += int(n)


def _suite(item: pytest.Item) -> str | None:
    mark = item.get_closest_marker(MARK)
    if mark is None:
        return None
    suite = mark.args[0] if mark.args else mark.kwargs.get("suite")
    if suite not in SUITES:
        raise pytest.UsageError(f"{item.nodeid}: unknown reliability suite {suite!r}; add it to SUITES in {__file__}")
    return suite


def _record(item: pytest.Item) -> Record | None:
    suite = _suite(item)
    if suite is None:
        return None
    if not hasattr(item, "_reliability"):
        item._reliability = Record(suite)  # type: ignore[attr-defined]
    return item._reliability  # type: ignore[attr-defined]


@pytest.fixture
def tally(request) -> Tally:
    """Record cases, faults and rows for this test's reliability suite (the test must be marked)."""
    record = _record(request.node)
    if record is None:
        raise pytest.UsageError(f"{request.node.nodeid} uses `tally` without @pytest.mark.{MARK}(suite)")
    return Tally(record)


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", f"{MARK}(suite): a case counted in the reliability figures (docs/reliability.md)")
    config._reliability_records = {}  # type: ignore[attr-defined]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    """Remember every marked test collected (before -k or -m deselect any), to forget removed cases."""
    if any("::" in str(a) for a in config.args):
        return  # only some tests of a file were asked for: the file's other cases are not gone
    config._reliability_collected = {  # type: ignore[attr-defined]
        item.nodeid for item in items if item.get_closest_marker(MARK) is not None}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    record = _record(item)
    if record is None:
        return
    if report.when == "setup" and report.skipped:
        record.outcome = "skipped"
    elif report.failed:
        record.outcome = "failed"
    elif report.when == "call":
        record.outcome = "skipped" if report.skipped else "passed"
    else:
        return
    item.config._reliability_records[item.nodeid] = record  # type: ignore[attr-defined]


def pytest_sessionfinish(session, exitstatus) -> None:
    records: dict[str, Record] = getattr(session.config, "_reliability_records", {})
    if not records:
        return
    merged = load_results()
    for nodeid, rec in records.items():
        merged[nodeid] = asdict(rec)
    # Cases whose test file or parameters are gone are dropped; others keep their last run's figures.
    collected = getattr(session.config, "_reliability_collected", None)
    files = {n.split("::", 1)[0] for n in collected} if collected else set()
    merged = {k: v for k, v in merged.items() if (ROOT / k.split("::", 1)[0]).exists()
              and (k.split("::", 1)[0] not in files or k in collected)}
    try:
        save_results(merged)
    except OSError as exc:  # a read-only checkout still gets its test results, only not the figures
        print(f"\nreliability figures not written: {exc}")


def load_results(path: Path = RESULTS) -> dict[str, dict]:
    """The last run of every case, by test id."""
    if not path.is_file():
        return {}
    return json.loads(path.read_text())["cases"]


def save_results(cases: dict[str, dict], path: Path = RESULTS) -> None:
    """Write the cases, sorted and without timestamps, so an unchanged run leaves the file unchanged."""
    # One line per case keeps the file small and its diffs readable.
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(cases.items())]
    about = json.dumps("Written by the reliability suites at the end of each test run (tests/reliability/tally.py); not tracked by git.")
    path.write_text('{"about": ' + about + ',\n"cases": {\n' + ",\n".join(lines) + "\n}}\n")
