"""Server-side rerun time of each page after a filter change, beside a one-chart page (the floor).

Run: python -m bench.pages [--runs N]. Uses Streamlit's AppTest on the live warehouse, so the
figures include AppTest's own overhead, which the floor shares. Prints a table (--json: also the rows).
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from common.paths import ROOT

PAGES = ["scorecard", "objective", "map", "compare", "country", "practices", "data", "methodology", "sources"]
SELECTIONS = [["COL", "PER"], ["MEX", "GTM", "HND"], ["BRA"], ["COL", "PER", "MEX"]]


def _percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


YEARS = [(2014, 2025), (2016, 2022), (2018, 2025), (2015, 2020)]
PROFILE_COUNTRIES = ["COL", "PER", "MEX", "GTM"]


def _widget(elements, key):
    found = [w for w in elements if getattr(w, "key", None) == key]
    return found[0] if found else None


def time_reruns(at: AppTest, runs: int) -> list[float]:
    """Change a filter the page has (countries, else country, else years) and time each rerun."""
    times = []
    for i in range(runs):
        countries = _widget(at.multiselect, "w_countries")
        country = _widget(at.selectbox, "w_country")
        years = _widget(at.slider, "w_years")
        t0 = time.perf_counter()
        if countries is not None:
            countries.set_value(SELECTIONS[i % len(SELECTIONS)]).run()
        elif country is not None:
            country.set_value(PROFILE_COUNTRIES[i % len(PROFILE_COUNTRIES)]).run()
        elif years is not None:
            years.set_value(YEARS[i % len(YEARS)]).run()
        else:
            at.run()
        times.append(time.perf_counter() - t0)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    parser.add_argument("--json", type=Path, help="also write the rows (seconds) to this JSON file")
    args = parser.parse_args(argv)

    floor_app = AppTest.from_file(str(ROOT / "bench" / "one_chart_page.py"), default_timeout=120).run()
    floor = time_reruns(floor_app, args.runs)
    floor_p50, floor_p95 = statistics.median(floor), _percentile(floor, 0.95)
    rows = [("one-chart page (floor)", floor_p50, floor_p95, 1.0)]
    for page in args.pages.split(","):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
        at.switch_page(f"pages/{page}.py").run()
        times = time_reruns(at, args.runs)
        p95 = _percentile(times, 0.95)
        rows.append((page, statistics.median(times), p95, p95 / floor_p95))
    lines = ["| page | p50 (ms) | p95 (ms) | p95 / floor p95 |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {p50 * 1000:.0f} | {p95 * 1000:.0f} | {ratio:.1f}x |" for name, p50, p95, ratio in rows]
    table = "\n".join(lines)
    print(table)
    if args.json:
        args.json.write_text(json.dumps([{"page": n, "p50": a, "p95": b, "ratio": r} for n, a, b, r in rows]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
