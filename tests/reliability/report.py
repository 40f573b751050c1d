"""The reliability figures of docs/reliability.md, from build/reliability/results.json (the suites' last run).

`python -m tests.reliability.report` prints the table and rewrites docs/reliability.md between its
markers. It is the only writer of that file: a test run only leaves its results in the build folder.
"""
from __future__ import annotations

import sys

from tests.reliability.tally import RESULTS, ROOT, SUITES, load_results

DOC = ROOT / "docs" / "reliability.md"
START = "<!-- reliability-figures:start (written by python -m tests.reliability.report) -->"
END = "<!-- reliability-figures:end -->"
FIELDS = ["cases", "faults", "rows_read", "rows_loaded", "rows_quarantined", "rows_duplicate", "rows_out_of_scope",
          "rows_lost"]


def summary(cases: dict[str, dict]) -> dict[str, dict]:
    """Per suite: tests, outcomes and the summed counts."""
    out = {name: {"tests": 0, "passed": 0, "failed": 0, "skipped": 0, **{f: 0 for f in FIELDS}} for name in SUITES}
    for rec in cases.values():
        s = out.setdefault(rec["suite"], {"tests": 0, "passed": 0, "failed": 0, "skipped": 0, **{f: 0 for f in FIELDS}})
        s["tests"] += 1
        if rec["outcome"] in ("passed", "failed", "skipped"):
            s[rec["outcome"]] += 1
        if rec["outcome"] != "skipped":
            for f in FIELDS:
                s[f] += int(rec.get(f, 0))
    return out


def table(cases: dict[str, dict]) -> str:
    """The figures as a Markdown table, one row per suite and a total."""
    rows = summary(cases)
    lines = ["| suite | tests (passed / failed / skipped) | cases tried | faults injected | rows read | "
             "rows quarantined | duplicates | outside the scope | rows lost |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    total = {k: 0 for k in ["tests", "passed", "failed", "skipped", *FIELDS]}
    for name, s in rows.items():
        for k in total:
            total[k] += s[k]
        label = f"`{name}`: {SUITES.get(name, '')}"
        if not s["tests"]:
            lines.append(f"| {label} | to come | – | – | – | – | – | – | – |")
            continue
        lines.append(f"| {label} | {s['tests']:,} ({s['passed']:,} / {s['failed']:,} / {s['skipped']:,}) | "
                     f"{s['cases']:,} | {s['faults']:,} | {s['rows_read']:,} | {s['rows_quarantined']:,} | "
                     f"{s['rows_duplicate']:,} | {s['rows_out_of_scope']:,} | **{s['rows_lost']:,}** |")
    lines.append(f"| **total** | {total['tests']:,} ({total['passed']:,} / {total['failed']:,} / {total['skipped']:,}) | "
                 f"{total['cases']:,} | {total['faults']:,} | {total['rows_read']:,} | {total['rows_quarantined']:,} | "
                 f"{total['rows_duplicate']:,} | {total['rows_out_of_scope']:,} | **{total['rows_lost']:,}** |")
    return "\n".join(lines)


def missing_suites(cases: dict[str, dict]) -> list[str]:
    """Suites with no case in the results (a partial run): their figures would read "to come"."""
    return [name for name, s in summary(cases).items() if name in SUITES and not s["tests"]]


def update_doc(doc=DOC, cases: dict[str, dict] | None = None) -> bool:
    """Rewrite the figures between the document's markers; False if the markers are missing or nothing changed."""
    text = doc.read_text()
    if START not in text or END not in text:
        return False
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{table(load_results() if cases is None else cases)}\n{END}{tail}"
    if new == text:
        return False
    doc.write_text(new)
    return True


def main(argv: list[str]) -> int:
    if not RESULTS.is_file():
        print(f"{RESULTS} not found: run the suites first (python3 tasks.py test -m reliability)", file=sys.stderr)
        return 1
    cases = load_results()
    print(table(cases))
    missing = missing_suites(cases)
    if missing and "--partial" not in argv:
        print(f"{DOC.relative_to(ROOT)} not written: no results for {', '.join(missing)} "
              "(run those suites, or pass --partial to write the table anyway)", file=sys.stderr)
        return 1
    print(f"{DOC.relative_to(ROOT)} updated" if update_doc(cases=cases) else f"{DOC.relative_to(ROOT)} already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
