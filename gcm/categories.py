"""Categorical source values (Missing Migrants cause of death and route, GLOTIP forms of exploitation,
sex and age) in the reader's language, from the labels in dim_source_categories: pure pandas.

A Missing Migrants cause may name several causes joined by commas ("Drowning,Violence") while one
cause holds commas of its own ("… shelter, food, water"), so a value is read as a run of known causes.
A value with no label is shown as the source wrote it (the warehouse build lists any such value).
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

# Which kind of label each column of the incidents is read with.
INCIDENT_KINDS = {"cause": "missing_migrants_cause", "route": "missing_migrants_route"}


def category_labels(categories: pd.DataFrame, kind: str, lang: str) -> dict[str, str]:
    """source text -> label in `lang`, for one kind of value."""
    mine = categories[categories["kind"] == kind]
    return dict(zip(mine["source_text"], mine[f"label_{lang}"]))


def _known_run(value: str, labels: Mapping[str, str]) -> list[str] | None:
    """The known values a comma-joined value is made of, in order (None when a part is unknown)."""
    parts, rest = [], value
    known = sorted(labels, key=len, reverse=True)
    while rest:
        found = next((k for k in known if rest.startswith(k) and rest[len(k):len(k) + 1] in ("", ",")), None)
        if found is None:
            return None
        parts.append(found)
        rest = rest[len(found) + 1:]
    return parts


def label_of(value: object, labels: Mapping[str, str]) -> object:
    """The label of a source value; a comma-joined run of known values gets its labels joined by "; "."""
    if not isinstance(value, str):
        return value
    if value in labels:
        return labels[value]
    run = _known_run(value, labels)
    return value if run is None else "; ".join(labels[part] for part in run)  # unknown: as the source wrote it


def unlabelled(values: object, labels: Mapping[str, str]) -> list[str]:
    """The values (text) that have no label, whole or as a run of known values: what a test lists."""
    return sorted({v for v in values if isinstance(v, str) and v not in labels and _known_run(v, labels) is None})


def in_reader_language(frame: pd.DataFrame, categories: pd.DataFrame, lang: str,
                       kinds: Mapping[str, str] = INCIDENT_KINDS, keep_source: bool = False) -> pd.DataFrame:
    """`frame` with its categorical columns (`kinds`: column -> kind) in `lang`; with `keep_source`, the
    source's own text stays beside each in `<column>_source` (downloads keep it)."""
    out = frame.copy()
    for column, kind in kinds.items():
        if column not in out.columns:
            continue
        labels = category_labels(categories, kind, lang)
        if keep_source:
            out[f"{column}_source"] = out[column]
        out[column] = out[column].map(lambda v: label_of(v, labels))
    return out
