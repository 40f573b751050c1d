"""Running cached queries on the warehouse, keyed on its build so a rebuild shows without a restart."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from gcm import db


# One frame per query and build, shared by every session: st.cache_data would unpickle a fresh
# copy on every hit, which was a tenth of a rerun's time in the server's profile and grows with
# the data. Callers get a shallow copy: under pandas' copy-on-write, whatever they change in it
# (columns, values) is copied then, and the cached frame never changes.
@st.cache_resource(show_spinner=False, max_entries=256)
def _cached(sql: str, params: tuple, key: str) -> pd.DataFrame:
    return db.query(sql, params)


def q(sql: str, params: tuple = ()) -> pd.DataFrame:
    """Run a parameterised query (``?`` placeholders) and cache the result for this warehouse build."""
    # Keywords, not positions: Streamlit looks up the signature of a cached function for every
    # positional argument of every call, and a rerun makes dozens of these calls.
    return _cached(sql=sql, params=tuple(params), key=db.build_key()).copy(deep=False)
