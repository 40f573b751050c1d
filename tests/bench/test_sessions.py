"""The concurrency benchmark's client: a session that cannot open must not hang the others."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bench.sessions import drive, free_port


def test_sessions_that_cannot_connect_are_counted_as_errors_and_do_not_wait_forever():
    port = free_port()  # nothing listens there
    # In a thread of its own: browser tests earlier in the run may leave an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        results = pool.submit(lambda: asyncio.run(asyncio.wait_for(drive(port, 3, 2, think=None), 60))).result()
    assert len(results) == 3
    assert all(r.errors and "session" in r.errors[0] for r in results)
    assert all(r.latencies == [] and r.first_load is None for r in results)


def test_a_webinar_audience_opens_the_shared_link_and_changes_filters(built_db):
    from bench.sessions import ONE_CHART, WEBINAR, Server, webinar

    for script, scenario in (("serve.py", WEBINAR), ("bench/one_chart_page.py", ONE_CHART)):
        port = free_port()
        with Server(built_db, port, script), ThreadPoolExecutor(1) as pool:
            results = pool.submit(lambda: asyncio.run(asyncio.wait_for(
                webinar(port, 4, 2, think=(0.0, 0.1), spread=0.5, scenario=scenario), 240))).result()
        assert len(results) == 4
        assert [r.errors for r in results] == [[]] * 4, script
        assert all(r.first_load is not None and len(r.latencies) == 2 for r in results), script
