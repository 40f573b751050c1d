"""Keeping the server's long-lived objects out of Python's cyclic garbage collector.

The shared caches hold hundreds of thousands of objects (figures, frames, decks), and the collector
walks every one of them in each full collection: with 30 sessions on the dashboard that was nine
pauses of about a quarter of a second in 25 seconds, each holding up every session at once.

After a rerun, at most once a minute, the young generations are collected and whatever is still
alive is moved to the permanent generation (`gc.freeze`), which the collector skips. Frozen
objects are still freed by reference counting as usual; only reference cycles that die while
frozen wait for the next thaw, every quarter of an hour, which unfreezes and collects everything.
"""
from __future__ import annotations

import gc
import threading
import time

FREEZE_EVERY = 60.0  # seconds between two freezes
THAW_EVERY = 900.0  # seconds between two full collections of everything frozen

_lock = threading.Lock()
_state = {"frozen": float("-inf"), "thawed": time.monotonic()}


def settle(now: float | None = None) -> str | None:
    """Freeze or thaw when it is due; what was done ("frozen", "thawed") or None. Safe from any thread."""
    now = time.monotonic() if now is None else now
    if not _lock.acquire(blocking=False):
        return None  # another session's rerun is doing it
    try:
        if now - _state["thawed"] >= THAW_EVERY:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            _state["thawed"] = _state["frozen"] = now
            return "thawed"
        if now - _state["frozen"] >= FREEZE_EVERY:
            gc.collect(1)  # this minute's young garbage, so that it is not frozen with the rest
            gc.freeze()
            _state["frozen"] = now
            return "frozen"
        return None
    finally:
        _lock.release()
