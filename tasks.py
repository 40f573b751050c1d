"""The two set-up commands: `python3 tasks.py run` (dashboard) and `python3 tasks.py test` (test suite).

Each creates a virtual environment in .venv on first use, installs the pinned requirements
(again only when a requirements file changes), and then does its job. Only Python 3.11+ and
git are needed on the machine; browser tests also need Debian's `chromium` (CI installs it).
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_env(requirements: str) -> None:
    """Create .venv and install `requirements` unless the same file is already installed."""
    if sys.version_info < (3, 11):
        sys.exit("GCM Dashboard needs Python 3.11 or newer.")
    if not PY.exists():
        print("Creating the virtual environment in .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    req = ROOT / requirements
    digest = hashlib.sha256(req.read_bytes() + (ROOT / "requirements.txt").read_bytes()).hexdigest()[:16]
    stamp = VENV / f".installed-{req.stem}-{digest}"
    if not stamp.exists():
        print(f"Installing {requirements} …", flush=True)
        subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-r", str(req)], check=True, cwd=ROOT)
        for old in VENV.glob(f".installed-{req.stem}-*"):
            old.unlink()
        stamp.touch()


def run(args: list[str]) -> int:
    ensure_env("requirements.txt")
    # Build the warehouse from the raw snapshots (data/snapshots) if it is missing or its inputs changed.
    code = subprocess.run([str(PY), "-m", "etl", "build"], cwd=ROOT).returncode
    if code:
        return code
    return subprocess.run([str(PY), "-m", "streamlit", "run", "serve.py", *args], cwd=ROOT).returncode


def test(args: list[str]) -> int:
    ensure_env("requirements-dev.txt")
    return subprocess.run([str(PY), "-m", "pytest", *args], cwd=ROOT).returncode


if __name__ == "__main__":
    commands = {"run": run, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit("usage: python3 tasks.py run | test [extra arguments for streamlit or pytest]")
    sys.exit(commands[sys.argv[1]](sys.argv[2:]))
