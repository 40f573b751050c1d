"""The reliability writer: a test run leaves its figures in the build folder and never changes a tracked file."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.reliability import report
from tests.reliability.tally import RESULTS, ROOT

# One fast marked case (a hypothesis property of the number parser), run as a test session of its own.
CASE = "tests/reliability/test_properties.py::test_parse_numbers_classifies_every_text_and_never_invents_a_value"


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def git_tree():
    """The checkout's git status, or a skip where the project is not a git checkout."""
    if shutil.which("git") is None or subprocess.run(["git", "rev-parse"], cwd=ROOT, capture_output=True).returncode:
        pytest.skip("not a git checkout")
    return lambda: _git("status", "--porcelain", "--untracked-files=all")


def test_the_default_results_file_is_outside_the_tracked_tree(git_tree):
    relative = RESULTS.relative_to(ROOT) if RESULTS.is_relative_to(ROOT) else None
    if relative is None:
        return  # GCM_BUILD_DIR points outside the checkout: nothing there can be tracked
    assert not _git("ls-files", "--", str(relative)).strip(), f"{relative} is tracked"
    ignored = subprocess.run(["git", "check-ignore", "-q", "--no-index", str(relative)], cwd=ROOT).returncode == 0
    assert ignored, f"{relative} is not git-ignored"


def test_a_test_session_writes_its_figures_to_the_build_folder_only(git_tree, tmp_path):
    before = git_tree()
    env = {**os.environ, "GCM_BUILD_DIR": str(tmp_path / "build")}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", CASE],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr

    cases = json.loads((tmp_path / "build" / "reliability" / "results.json").read_text())["cases"]
    assert cases[CASE]["suite"] == "properties" and cases[CASE]["outcome"] == "passed"
    assert git_tree() == before  # no tracked file changed and no untracked one appeared


def test_the_report_writes_the_figures_between_the_markers(tmp_path):
    doc = tmp_path / "reliability.md"
    doc.write_text(f"# Reliability\n\nbefore\n{report.START}\nSTALE FIGURES\n{report.END}\nafter\n")
    cases = {CASE: {"suite": "properties", "outcome": "passed", "cases": 50, "faults": 0, "rows_read": 0,
                    "rows_loaded": 0, "rows_quarantined": 0, "rows_duplicate": 0, "rows_lost": 0}}

    assert report.update_doc(doc, cases)
    text = doc.read_text()
    assert "STALE FIGURES" not in text and text.startswith("# Reliability\n\nbefore\n") and text.endswith("after\n")
    assert "| 1 (1 / 0 / 0) | 50 |" in text  # the properties row: one test, 50 cases
    assert not report.update_doc(doc, cases)  # an unchanged run leaves the file as it was
    assert "etl_faults" in report.missing_suites(cases) and "properties" not in report.missing_suites(cases)
