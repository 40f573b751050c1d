"""Running cached queries on the warehouse, keyed on its build so a rebuild shows without a restart."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from gcm import db


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(sql: str, params: tuple, key: str) -> pd.DataFrame:
    return db.query(sql, params)


def q(sql: str, params: tuple = ()) -> pd.DataFrame:
    """Run a parameterised query (``?`` placeholders) and cache the result for this warehouse build.

    Callers must not mutate the returned frame (it is shared by the cache): copy it first.
    """
    return _cached(sql, tuple(params), db.build_key())
