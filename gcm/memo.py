"""Results shared by every session: a chart or text built once per distinct input, not once per rerun.

Building a Plotly figure or a pydeck deck from a small frame takes tens of milliseconds, most of it
Plotly's validation, and every rerun of every session rebuilt the same ones: with 30 people on the
dashboard the server spent its time there. `shared` keeps the result in Streamlit's resource cache
(one object for everyone, not an unpickled copy per hit), keyed on the arguments' contents.

Data frames are keyed on a digest of every value, index and column: Streamlit's own hasher samples
frames of 50,000 rows or more, and two large frames that differ outside the sample would then
share a chart. The result must never be changed by a caller; it is handed to `st.plotly_chart`,
`st.pydeck_chart` or shown as text, which only read it.
"""
from __future__ import annotations

import functools
import hashlib
import pickle
from typing import Any, Callable, TypeVar

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import pydeck as pdk
import streamlit as st

F = TypeVar("F", bound=Callable[..., Any])


def _column_bytes(values: pd.Series | pd.Index) -> bytes:
    """A column's values as bytes: raw memory for plain numbers and dates, else the pickled list."""
    arr = values.to_numpy() if isinstance(values.dtype, np.dtype) else None
    if arr is not None and arr.dtype.kind in "biufcmM":
        return arr.tobytes()
    # Text, nullable numbers, lists: pickling the Python values is exact, and faster than pandas'
    # own hashing of Arrow-backed text, which took 12 ms for a 163-row frame.
    return pickle.dumps(values.tolist(), protocol=5)


def _digest_series(s: pd.Series) -> bytes:
    """Every value of a column (and its name, type and index) in 16 bytes."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr((s.name, str(s.dtype), len(s), str(s.index.dtype))).encode())
    h.update(_column_bytes(s.index))
    h.update(_column_bytes(s))
    return h.digest()


def _digest_frame(df: pd.DataFrame) -> bytes:
    """Every value, column name, type and index label of a frame in 16 bytes."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr((list(df.columns), [str(d) for d in df.dtypes], df.shape, str(df.index.dtype))).encode())
    h.update(_column_bytes(df.index))
    for c in range(df.shape[1]):
        h.update(_column_bytes(df.iloc[:, c]))
    return h.digest()


def _digest_array(a: np.ndarray) -> bytes:
    """An array's type, shape and values (object arrays by value: their raw bytes are pointers)."""
    values = pickle.dumps(a.tolist(), protocol=5) if a.dtype.kind == "O" else a.tobytes()
    return hashlib.blake2b(repr((a.dtype.str, a.shape)).encode() + values, digest_size=16).digest()


HASH_FUNCS = {pd.DataFrame: _digest_frame, pd.Series: _digest_series, np.ndarray: _digest_array}


def shared(fn: F | None = None, *, max_entries: int = 256) -> F:
    """Decorate a pure function so that its result is built once per distinct arguments, for every session."""
    if fn is None:
        return functools.partial(shared, max_entries=max_entries)  # type: ignore[return-value]

    def call(*args: Any, **kwargs: Any) -> Any:
        return frozen(fn(*args, **kwargs))

    # Streamlit keys a cache on the function's module, qualified name and source: every wrapper has
    # the same source, so the decorated function's own name keeps their caches apart.
    call.__module__, call.__qualname__, call.__name__ = fn.__module__, f"{fn.__qualname__}[shared]", fn.__name__
    cached = st.cache_resource(show_spinner=False, max_entries=max_entries, hash_funcs=HASH_FUNCS)(call)
    return functools.wraps(fn)(lambda *args, **kwargs: cached(*args, **kwargs))  # type: ignore[return-value]


def arrow(frame: pd.DataFrame) -> pa.Table:
    """A table for `st.dataframe` to send as it is: a kept pandas frame is converted on every rerun."""
    return pa.Table.from_pandas(frame, preserve_index=False)


def frozen(obj: Any) -> Any:
    """A shared figure or deck made cheap to send again: its dict or JSON is built once, here.

    `st.plotly_chart` deep-copies a figure into a dict on every call (10-15 ms a chart, most of
    what sending a kept figure costs); a frozen figure hands out that dict made once. A deck's
    JSON is made once too: `CompactDeck.to_json` swaps its layers' data while it works, so it must
    not run in two sessions at a time. Anything else is returned as it is. The object must not
    be changed afterwards, which shared results never are.
    """
    if isinstance(obj, go.Figure):
        as_dict = obj.to_dict()
        obj.to_dict = lambda: as_dict  # type: ignore[method-assign]
    elif isinstance(obj, pdk.Deck):
        text = obj.to_json()
        obj.to_json = lambda: text  # type: ignore[method-assign]
    return obj
