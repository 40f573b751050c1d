"""Two replicas behind nginx sharing one PostgreSQL: submit on one, approve on the other, published on both.

Each replica reads its own copy of the same warehouse build; nginx (Debian's package) keeps a
client on one replica (ip_hash) and proxies the websocket, as docs/deployment.md describes.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest
import sqlalchemy as sa

from common.paths import ROOT
from tests.conftest import fresh_postgres_database, missing_tool
from tests.e2e.conftest import REVIEWER_TOKEN, sign_in_to_review, wait_for_app
from tests.e2e.test_server_guard import run_once

PORTS = (8612, 8613)
NGINX_PORT = 8690
NGINX_CONF = """
worker_processes 1;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    client_max_body_size 6m;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream gcm {{
        ip_hash;
        server 127.0.0.1:{a};
        server 127.0.0.1:{b};
    }}
    server {{
        listen 127.0.0.1:{port};
        location = /_stcore/metrics {{ return 404; }}
        location / {{
            proxy_pass http://gcm;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 86400;
        }}
    }}
}}
"""


def _wait(url: str, proc: subprocess.Popen) -> None:
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
    pytest.fail(f"{url} did not come up: " + (proc.stdout.read().decode(errors="replace")[-2000:] if proc.stdout else ""))


@pytest.fixture(scope="module")
def replicas(built_db, postgres_url, tmp_path_factory):
    """Two `streamlit run` replicas on one PostgreSQL database, and nginx in front: (replica URLs, nginx URL, db URL)."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        missing_tool("nginx", "nginx")
    tmp = tmp_path_factory.mktemp("replicas")
    db_url = fresh_postgres_database(postgres_url)
    procs, urls = [], []
    for i, port in enumerate(PORTS):
        warehouse = tmp / f"warehouse-{i}.duckdb"  # each replica reads its own copy of the same build
        shutil.copy(built_db, warehouse)
        env = dict(os.environ, GCM_DB_PATH=str(warehouse), GCM_PRACTICES_DB_URL=db_url,
                   GCM_REVIEWER_TOKEN=REVIEWER_TOKEN, GCM_TRUSTED_PROXIES="1")
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
             f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT))
        urls.append(f"http://127.0.0.1:{port}")
    for url, proc in zip(urls, procs):
        _wait(f"{url}/_stcore/health", proc)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir()
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, a=PORTS[0], b=PORTS[1], port=NGINX_PORT,
                                      user="user root;" if os.geteuid() == 0 else ""))
    front = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    procs.append(front)
    _wait(f"http://127.0.0.1:{NGINX_PORT}/_stcore/health", front)
    yield urls, f"http://127.0.0.1:{NGINX_PORT}", db_url
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
