"""Two replicas behind nginx sharing one PostgreSQL: submit on one, approve on the other, published on both.

Each replica reads its own copy of the same warehouse build; nginx (Debian's package) keeps a
client on one replica (ip_hash) and proxies the websocket, as docs/deployment.md describes.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import ExitStack
from functools import partial
from pathlib import Path

import pytest
import sqlalchemy as sa
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from common.paths import ROOT
from tests.conftest import fresh_postgres_database, missing_tool
from tests.e2e.conftest import REVIEWER_TOKEN, sign_in_to_review, wait_for_app
from tests.e2e.test_server_guard import run_once

PORTS = (8691, 8692)
NGINX_PORT = 8690
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
SESSIONS_PER_CLIENT = 4  # low, so the test can reach it; the browser test holds one session at a time


def fill_template(text: str, **values) -> str:
    """Replace each ${NAME} (as `envsubst` with a list of names would), leaving nginx's own $variables."""
    return re.sub(r"\$\{(\w+)\}", lambda m: str(values[m.group(1)]), text)


def _wait(url: str, proc: subprocess.Popen, log: Path | None = None) -> None:
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    proc.kill()
    output = log.read_bytes() if log else (proc.stdout.read() if proc.stdout else b"")
    pytest.fail(f"{url} did not come up: " + output.decode(errors="replace")[-2000:])


@pytest.fixture(scope="module")
def replicas(built_db, postgres_url, tmp_path_factory):
    """Two `streamlit run` replicas on one PostgreSQL database, and nginx in front: (replica URLs, nginx URL, db URL)."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        missing_tool("nginx", "nginx")
    tmp = tmp_path_factory.mktemp("replicas")
    db_url = fresh_postgres_database(postgres_url)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir()
    conf = tmp / "nginx.conf"
    conf.write_text(fill_template(
        NGINX_TEMPLATE.read_text(), TMP=tmp, LISTEN=f"127.0.0.1:{NGINX_PORT}",
        REPLICA_A=f"127.0.0.1:{PORTS[0]}", REPLICA_B=f"127.0.0.1:{PORTS[1]}",
        SESSIONS_PER_CLIENT=SESSIONS_PER_CLIENT, SESSIONS_PER_SERVER=100,
        USER="user root;" if os.geteuid() == 0 else ""))
    for port in (*PORTS, NGINX_PORT):  # a stale server left on a port would answer for ours
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                pytest.fail(f"port {port} is already in use")
    procs, urls = [], []
    try:
        for i, port in enumerate(PORTS):
            warehouse = tmp / f"warehouse-{i}.duckdb"  # each replica reads its own copy of the same build
            shutil.copy(built_db, warehouse)
            env = dict(os.environ, GCM_DB_PATH=str(warehouse), GCM_PRACTICES_DB_URL=db_url,
                       GCM_REVIEWER_TOKEN=REVIEWER_TOKEN, GCM_TRUSTED_PROXIES="1")
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless=true",
                 f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false"],
                cwd=ROOT, env=env, stdout=open(tmp / f"replica-{i}.log", "wb"), stderr=subprocess.STDOUT))
            urls.append(f"http://127.0.0.1:{port}")
        for i, (url, proc) in enumerate(zip(urls, procs)):
            _wait(f"{url}/_stcore/health", proc, tmp / f"replica-{i}.log")
        front = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        procs.append(front)
        _wait(f"http://127.0.0.1:{NGINX_PORT}/_stcore/health", front)
        yield urls, f"http://127.0.0.1:{NGINX_PORT}", db_url
    finally:  # also when a replica failed to start: nothing is left holding the ports
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)


def test_nginx_proxies_the_app_and_its_websocket_and_hides_the_metrics(replicas):
    _, front, _ = replicas
    run_once(front)  # a whole script run over the proxied websocket
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{front}/_stcore/metrics", timeout=10)
    assert refused.value.code == 404


def test_one_address_cannot_hold_more_sessions_than_its_share(replicas):
    """Sessions are websockets held open: past the cap a client is told 429, and a closed one frees a place."""
    _, front, _ = replicas
    ws_url = front.replace("http://", "ws://") + "/_stcore/stream"
    session = partial(connect, ws_url, subprotocols=["streamlit"], origin=front)
    with ExitStack() as held:
        sessions = [held.enter_context(session()) for _ in range(SESSIONS_PER_CLIENT)]
        with pytest.raises(InvalidStatus) as refused:
            with session():
                pass
        assert refused.value.response.status_code == 429
        sessions[-1].close()
        time.sleep(1)  # nginx sees the close
        run_once(front)  # a place is free again: a whole script run goes through


def test_submitted_on_one_replica_approved_on_the_other_published_on_both(replicas, browser):
    (first, second), front, db_url = replicas
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{first}/submit")
        wait_for_app(page)
        title = f"Práctica de réplicas {uuid.uuid4().hex[:6]}"
        page.get_by_label("Title *").fill(title)
        page.get_by_label("Summary *").fill("Una práctica enviada en una réplica y aprobada en la otra.")
        pick(page, "Countries *", "Colombia")
        pick(page, "Main GCM objective *", "16 ·")
        page.get_by_label("Implementing actor *").fill("Alcaldía de prueba")
        pick(page, "Type of actor *", "Civil society")
        page.get_by_label("Start year *").fill("2022")
        page.get_by_label("Start year *").press("Tab")  # a number input takes its value when left
        page.get_by_label("Your e-mail *").fill("replicas@example.org")
        page.get_by_text("I agree that").click()
        page.get_by_role("button", name="Submit for review").click()
        page.wait_for_selector("[data-testid=stCode], [data-testid=stAlertContentError]", timeout=60_000)
        code = page.locator("[data-testid=stCode]")
        assert code.count(), page.inner_text("[data-testid=stMain]")[:2000]
        ref = code.first.inner_text().strip()
        assert ref.startswith("GCM-")

        sign_in_to_review(page, second, "Bea")
        page.locator("[data-testid=stSelectbox]").first.click()
        page.get_by_role("option", name=ref, exact=False).click()
        wait_for_app(page)
        page.get_by_role("button", name="Approve").click()
        page.get_by_text(f"{ref} is now: Published").wait_for(timeout=60_000)

        for base in (first, second, front):
            page.goto(f"{base}/practices?practice={ref}")
            wait_for_app(page)
            page.get_by_text(title).first.wait_for(timeout=60_000)
    finally:
        context.close()
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        state = conn.execute(sa.text("SELECT state FROM submissions WHERE ref = :r"), {"r": ref}).scalar_one()
    engine.dispose()
    assert state == "published"


def pick(page, label: str, option: str) -> None:
    """Choose the first option matching `option` in the select box or multiselect labelled `label`."""
    from playwright.sync_api import expect

    page.get_by_label(label).click()
    page.keyboard.type(option)  # filters the list, so the option is among the few shown
    page.get_by_role("option", name=re.compile("^" + re.escape(option))).first.click()
    if page.get_by_role("option").count():  # a multiselect stays open: close it
        page.keyboard.press("Escape")
    # Chosen before the next field: a select box shows its choice in its input, a multiselect as a chip.
    widget = page.locator("[data-testid=stSelectbox], [data-testid=stMultiSelect]").filter(
        has_text=label.rstrip(" *")).first
    if widget.get_attribute("data-testid") == "stSelectbox":
        expect(widget.locator("input")).to_have_value(re.compile("^" + re.escape(option)), timeout=30_000)
    else:
        expect(widget).to_contain_text(option, timeout=30_000)
