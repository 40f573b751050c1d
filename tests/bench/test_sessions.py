"""The concurrency benchmark's client: a session that cannot open must not hang the others."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bench.sessions import drive, free_port


def test_sessions_that_cannot_connect_are_counted_as_errors_and_do_not_wait_forever():
    port = free_port(8850, 8899)  # nothing listens there
    # In a thread of its own: browser tests earlier in the run may leave an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        results = pool.submit(lambda: asyncio.run(asyncio.wait_for(drive(port, 3, 2, think=None), 60))).result()
    assert len(results) == 3
    assert all(r.errors and "session" in r.errors[0] for r in results)
    assert all(r.latencies == [] and r.first_load is None for r in results)
