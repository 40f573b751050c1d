"""Simultaneous sessions against one real Streamlit server, through its own websocket protocol.

Each simulated session opens `/_stcore/stream` as a browser does, then asks for reruns with a new
query string (a filter change: other countries, years, objective or country) and times each
from the request to the server's `script_finished`. An error is an exception element in a
run's output, a run that does not finish successfully, or a dropped connection. One client
process drives every session with asyncio, so 30 sessions need no browser.
"""
from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from common.paths import ROOT

# (page url path, query strings to cycle through): a filter change on each of the dashboard's pages.
SCENARIOS = [
    ("", ["countries=COL,PER&years=2015-2023", "countries=MEX,GTM,HND&years=2018-2024"]),
    ("objective", ["objective=10&countries=COL,PER", "objective=8&countries=MEX,GTM"]),
    ("map", ["countries=BLZ,CRI,SLV,GTM,HND,MEX,NIC,PAN&years=2022-2022", "countries=COL,VEN,ECU&years=2019-2023"]),
    ("compare", ["countries=COL,PER&indicator=glotip_victims_rate", "countries=MEX,GTM,HND&indicator=glotip_victims_rate"]),
    ("country", ["country=COL", "country=MEX"]),
    ("practices", ["objective=21", "objective=10"]),
    ("data", ["indicators=glotip_victims,glotip_convicted&countries=COL,PER", "indicators=glotip_victims&countries=MEX"]),
]
# A webinar: everyone opens the presenter's shared link (objective 10, in Spanish), then changes filters.
WEBINAR = ("objective", ["objective=10&countries=COL,PER,MEX&lang=es", "objective=10&countries=COL,PER,MEX,GTM&lang=es",
                         "objective=10&countries=COL,PER&years=2018-2024&lang=es"])
# Its floor: the same sessions on a page with one filter, one cached query and one chart.
ONE_CHART = ("", ["", ""])
RUN_TIMEOUT = 60.0


@dataclass
class SessionResult:
    """Latencies of one session's reruns (seconds) and the errors it met."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    first_load: float | None = None


def _rerun(page: str, query: str) -> bytes:
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    msg.rerun_script.context_info.timezone = "UTC"
    msg.rerun_script.context_info.locale = "en-US"
    return msg.SerializeToString()


async def _one_run(ws, page: str, query: str) -> tuple[float, str | None]:
    """Send one rerun and read until it finishes; the latency and an error, if any."""
    t0 = time.perf_counter()
    await ws.send(_rerun(page, query))
    error = None
    while True:
        raw = await asyncio.wait_for(ws.recv(), RUN_TIMEOUT)
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        kind = fwd.WhichOneof("type")
        if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            if fwd.delta.new_element.WhichOneof("type") == "exception":
                exc = fwd.delta.new_element.exception
                error = error or f"{page or 'scorecard'}?{query}: {exc.type}: {exc.message[:120]}"
        elif kind == "script_finished":
            status = fwd.script_finished
            if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                return time.perf_counter() - t0, error
            if status in (ForwardMsg.FINISHED_EARLY_FOR_RERUN, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                continue  # st.navigation or st.rerun starts the page again: wait for its end
            return time.perf_counter() - t0, error or f"{page}?{query}: script finished with status {status}"


async def session(url: str, index: int, rounds: int, think: tuple[float, float] | None = None,
                  opened: asyncio.Barrier | None = None,
                  scenario: tuple[str, list[str]] | None = None) -> SessionResult:
    """One browser-like session on one page: open, first run, then `rounds` filter changes.

    `think` (seconds, min and max) is a person's pause between two changes; None sends them back to back.
    With `opened`, the changes start once every session has loaded its page (see `drive`).
    `scenario` (page, queries) puts every session on one page; by default session i takes SCENARIOS[i].
    """
    result = SessionResult()
    waiting = opened is not None  # still owes the other sessions its arrival at `opened`
    rng = random.Random(index)
    page, queries = scenario or SCENARIOS[index % len(SCENARIOS)]
    try:
        async with connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=30) as ws:
            # The page's first load: timed apart, not a filter change.
            result.first_load, err = await _one_run(ws, page, queries[0])
            if err:
                result.errors.append(err)
            if waiting:
                waiting = False
                await opened.wait()
            for r in range(rounds):
                if think:
                    await asyncio.sleep(rng.uniform(*think))
                latency, err = await _one_run(ws, page, queries[(r + 1) % len(queries)])
                result.latencies.append(latency)
                if err:
                    result.errors.append(err)
    except (OSError, asyncio.TimeoutError, Exception) as exc:  # a dropped or refused connection is an error
        result.errors.append(f"session {index}: {type(exc).__name__}: {exc}")
        if waiting:  # a session that failed to open must not keep the others from starting
            await opened.wait()
    return result


async def drive(port: int, sessions: int, rounds: int, think: tuple[float, float] | None = None) -> list[SessionResult]:
    """`sessions` simultaneous sessions, each doing `rounds` filter changes.

    All of them open their page at the same moment (those first loads are timed apart, in
    `first_load`); the filter changes start once every page has loaded, so that their latency is
    that of people working on open pages, not of a queue of thirty first loads.
    """
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    opened = asyncio.Barrier(sessions)
    return await asyncio.gather(*(session(url, i, rounds, think, opened) for i in range(sessions)))


async def webinar(port: int, sessions: int, rounds: int, think: tuple[float, float], spread: float,
                  scenario: tuple[str, list[str]] = WEBINAR) -> list[SessionResult]:
    """`sessions` people opening one shared link within `spread` seconds (each at its own moment),
    then each changing filters `rounds` times: a webinar's audience following the presenter."""
    url = f"ws://127.0.0.1:{port}/_stcore/stream"

    async def person(i: int) -> SessionResult:
        await asyncio.sleep(random.Random(1000 + i).uniform(0, spread))
        return await session(url, i, rounds, think, scenario=scenario)

    return await asyncio.gather(*(person(i) for i in range(sessions)))


def free_port(lo: int | None = None, hi: int | None = None) -> int:
    """A free TCP port on the loopback address: the first in [lo, hi], else one the system picks."""
    if lo is None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]
    for port in range(lo, (hi or lo) + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {lo}-{hi}")


class Server:
    """`streamlit run serve.py` (the deployed entry point, or another `script`) on a loopback port against a given warehouse;
    stopped on exit."""

    def __init__(self, db: Path, port: int, script: str = "serve.py"):
        self.db, self.port, self.script, self.proc = db, port, script, None

    def __enter__(self) -> "Server":
        env = os.environ | {"GCM_DB_PATH": str(self.db)}
        cmd = [sys.executable, "-m", "streamlit", "run", self.script, "--server.headless", "true",
               "--server.port", str(self.port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"server exited: {self.proc.stderr.read().decode()[-500:]}")
                time.sleep(0.3)
        raise RuntimeError("server did not start within 60 s")

    def peak_rss_mb(self) -> float:
        """The server's peak resident memory so far (VmHWM), in MB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
