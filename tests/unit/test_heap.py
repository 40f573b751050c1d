"""The server keeps its caches out of the garbage collector's walks without leaking what dies."""
from __future__ import annotations

import gc
import weakref

import pytest

from gcm import heap


class Node:
    """An object that can sit in a reference cycle and be watched with a weak reference."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(heap, "_state", {"frozen": float("-inf"), "thawed": 0.0})
    yield
    gc.unfreeze()


def test_live_objects_are_frozen_once_a_minute(fresh):
    assert heap.settle(now=1.0) == "frozen"
    assert gc.get_freeze_count() > 0
    assert heap.settle(now=30.0) is None  # not due yet
    assert heap.settle(now=1.0 + heap.FREEZE_EVERY) == "frozen"


def test_a_cycle_that_dies_while_frozen_is_reclaimed_at_the_next_thaw(fresh):
    node = Node()
    alive = weakref.ref(node)
    heap.settle(now=1.0)
    del node
    gc.collect()
    assert alive() is not None  # frozen: the collector does not look at it
    assert heap.settle(now=heap.THAW_EVERY + 1.0) == "thawed"
    assert alive() is None


def test_young_garbage_is_collected_before_a_freeze_not_frozen(fresh):
    node = Node()
    dead = weakref.ref(node)
    del node
    heap.settle(now=1.0)
    assert dead() is None
