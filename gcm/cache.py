"""The app's one cache: a page's view model built once per warehouse build and filters, shared by every session.

A page asks its model through `view_model(model)(filters...)`: the model (a pure function of
gcm/models/) runs once per distinct arguments and warehouse build, and every session gets the same
object (Streamlit's resource cache; a data cache would unpickle a copy, and so rebuild every
figure, on each hit). A rebuild of the warehouse changes `build_key()`, so the next rerun builds anew
without a restart. Models are frozen dataclasses and nobody changes what they hold: Streamlit only
reads the figures, decks and tables it is handed. Below this, queries are cached per build
(gcm/queries/core.py) only so that two models asking the same rows read them once.
"""
from __future__ import annotations

import dataclasses
import functools
from typing import Callable, TypeVar

import plotly.graph_objects as go
import streamlit as st

from gcm.db import build_key

M = TypeVar("M")


@functools.cache
def view_model(model: Callable[..., M], version: Callable[[], str] = build_key,
               max_entries: int = 256) -> Callable[..., M]:
    """`model`, cached for every session per arguments (which must be hashable) and `version()`: the
    warehouse build, or `practices_version` for a model that shows submitted practices too."""

    def build(version: str, *args, **kwargs) -> M:
        return freeze_figures(model(*args, **kwargs))

    # Streamlit keys a cache on the function's module, name and source; every `build` has the same
    # source, so the model's own name keeps their caches apart.
    build.__module__, build.__qualname__ = model.__module__, f"{model.__qualname__}[view_model]"
    cached = st.cache_resource(show_spinner=False, max_entries=max_entries)(build)

    @functools.wraps(model)
    def call(*args, **kwargs) -> M:
        return cached(version(), *args, **kwargs)

    return call


class SharedFigure(go.Figure):
    """A figure kept in the cache and shown to every session: nobody changes it, so its dict is made
    once. `st.plotly_chart` asks every figure for a deep copy of itself (`to_dict`) on every call:
    with the other per-rerun work kept, that copy was nearly a fifth of a cached objective page's rerun
    under a webinar's audience (docs/performance.md)."""

    def to_dict(self) -> dict:
        kept = self.__dict__.get("_shared_dict")
        if kept is None:
            kept = self.__dict__["_shared_dict"] = super().to_dict()
        return kept


def freeze_figures(value: M, depth: int = 3) -> M:
    """`value` with every Plotly figure in it (in its dataclass fields, tuples, lists and dict values,
    `depth` levels down) made a SharedFigure in place; returns `value`."""
    if isinstance(value, go.Figure):
        value.__class__ = SharedFigure
    elif depth and dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            freeze_figures(getattr(value, f.name), depth - 1)
    elif depth and isinstance(value, (tuple, list)):
        for item in value:
            freeze_figures(item, depth - 1)
    elif depth and isinstance(value, dict):
        for item in value.values():
            freeze_figures(item, depth - 1)
    return value


MODEL_MODULES = ("compare", "country", "data", "map", "objective", "practices", "review", "scorecard", "submit")


def warm_process() -> None:
    """Import every page's model (and so pandas, Plotly, pydeck, DuckDB), then freeze the heap.

    serve.py calls this when the server starts, before any session: otherwise the first visitors'
    runs import all of it, every session arriving meanwhile waits, and Python's first full
    collections walk every imported object in the middle of that burst (docs/performance.md).
    `gc.freeze()` moves what exists now out of the collector's reach; later objects are collected
    as usual.
    """
    import gc
    import importlib

    for name in MODEL_MODULES:
        importlib.import_module(f"gcm.models.{name}")
    gc.collect()
    gc.freeze()
