"""The tables the Python side (map polygons, practice submissions) hands to the build, with their columns and types.

Adapters return a dict mapping some of these names to DataFrames; `conform` checks the columns and
casts the types. The SQL models' figures are described in etl/transform/models/intermediate/.
"""
from __future__ import annotations

import pandas as pd

# name -> {column: pandas dtype}
STAGED: dict[str, dict[str, str]] = {
    # Country polygons, simplified for the web. shape_code is Natural Earth ADM0_A3.
    "shapes": {
        "shape_code": "string",
        "country_iso3": "string",
        "name": "string",
        "subregion": "string",
        "geometry": "string",
        "source_file": "string",
    },
    "practices": {
        "practice_id": "string",
        "title": "string",
        "original_name": "string",
        "countries_text": "string",
        "year_start": "Int64",
        "actors": "string",
        "actor_type": "string",
        "primary_objective_id": "Int64",
        "objective_rationale": "string",
        "practice_status": "string",
        "summary": "string",
        "source_urls": "string",
        "verified": "string",
        "level": "string",
        "language": "string",
        "status": "string",
        "source_file": "string",
        # Fields of submitted practices (empty for the fact sheet's).
        "year_end": "Int64",
        "partners": "string",
        "target_group": "string",
        "results": "string",
        "lessons": "string",
        "replicability": "string",
        "guiding_principles": "string",
        "submitted_at": "string",
        "reviewed_at": "string",
    },
    "practice_objectives": {
        "practice_id": "string",
        "objective_id": "Int64",
        "is_primary": "boolean",
        "rationale": "string",
    },
    "practice_countries": {
        "practice_id": "string",
        "country_iso3": "string",
        "role": "string",
    },
}


def empty(name: str) -> pd.DataFrame:
    """An empty frame with the staged table's columns and types."""
    return conform(name, pd.DataFrame(columns=list(STAGED[name])))


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Select the staged table's columns in order and cast them; a missing column is a bug."""
    spec = STAGED[name]
    missing = [c for c in spec if c not in frame.columns]
    if missing:
        raise ValueError(f"staged table {name!r} lacks columns {missing}")
    out = frame[list(spec)].copy()
    for col, dtype in spec.items():
        if dtype == "string" and isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].astype("string")  # text already (NaN becomes <NA>): no detour through objects
        elif dtype == "string":
            out[col] = out[col].astype("object").where(out[col].notna(), None).astype("string")
        elif dtype.startswith("datetime64"):
            out[col] = pd.to_datetime(out[col]).astype(dtype)
        elif dtype == "boolean":
            out[col] = out[col].astype("boolean")
        else:
            out[col] = pd.to_numeric(out[col]).astype(dtype) if dtype != "float64" else out[col].astype("float64")
    return out.reset_index(drop=True)
