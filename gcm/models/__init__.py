"""Pure view models: what each page shows, built from the query layer without Streamlit."""
from __future__ import annotations

from dataclasses import dataclass


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
