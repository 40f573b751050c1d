"""A real Streamlit server on a free port, and headless Debian Chromium driven by Playwright."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from common.paths import ROOT
from tests.conftest import missing_tool

SCREENSHOTS = ROOT / "tests" / "e2e" / "screenshots"
REVIEWER_TOKEN = "Gd7Lq2VzX9mK4tRw8PcN3bYh"  # 24 random characters
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(built_db):
    """Start `streamlit run serve.py` (the deployed entry point) on the session warehouse; yield its base URL."""
    port = int(os.environ.get("GCM_E2E_PORT") or 0) or free_port()  # a shared machine gives each engineer ports
    env = dict(os.environ, GCM_DB_PATH=str(built_db), GCM_REVIEWER_TOKEN=REVIEWER_TOKEN)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("streamlit did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    exe = chromium_path()
    if exe is None:
        missing_tool("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A 1280x720 page that records page errors and every request to a host other than the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    p = context.new_page()
    p.errors = []
    p.foreign_requests = []
    p.on("pageerror", lambda exc: p.errors.append(str(exc)))

    def check_request(request):
        if not request.url.startswith((server, "data:", "blob:", "about:")):
            p.foreign_requests.append(request.url)

    p.on("request", check_request)
    yield p
    context.close()


def wait_for_app(page, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has rendered the page and finished running the script."""
    page.wait_for_selector("[data-testid=stAppViewContainer]", timeout=timeout_ms)
    page.wait_for_selector("[data-testid=stMainBlockContainer] [data-testid=stHeading]", timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')"
        " && document.querySelectorAll('[data-testid=stSkeleton]').length === 0",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(300)


def sign_in_to_review(page, base: str, name: str) -> None:
    """Open the review page of the server at `base` and sign in with the reviewer token as `name`."""
    page.goto(f"{base}/review")
    wait_for_app(page)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Reviewer token").fill(REVIEWER_TOKEN)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"Signed in as {name}").wait_for(timeout=60_000)
    wait_for_app(page)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # Streamlit scrolls an inner container, so grow the viewport to the content for a full picture.
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')]"
        ".map(e => e.scrollHeight), document.body.scrollHeight)"
    )
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(int(height), 8000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path
