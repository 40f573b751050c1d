"""Pure view models: what each page shows, built from the query layer without Streamlit."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa


def arrow(frame: pd.DataFrame) -> pa.Table:
    """A table as shown: `st.dataframe` sends an Arrow table as it is, but converts a pandas frame on
    every rerun (a sixth of the server's time under 100 sessions on the objective page)."""
    return pa.Table.from_pandas(frame, preserve_index=False)


@dataclass(frozen=True)
class Metric:
    """One headline number: its label, its value as shown, the caption under it and its help text."""

    label: str
    value: str
    caption: str = ""
    help: str | None = None


@dataclass(frozen=True)
class Link:
    """A link to another page: its label and URL parameters."""

    label: str
    params: dict[str, str]


def marked_titles(practices: pd.DataFrame, tr) -> list[str]:
    """Practice titles, each the dashboard translated marked so (`translated`): how every table names them."""
    marker = tr("practices_translated_marker")
    return [f"{title} ({marker})" if done else title for title, done in zip(practices["title"], practices["translated"])]
