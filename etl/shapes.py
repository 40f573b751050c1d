"""Landing the Natural Earth 1:50m Admin-0 polygons of the Americas: the one raw file that needs Python,
as its polygons are simplified for the web map with shapely.

A feature becomes one row: text cells (its properties, the start of its raw geometry and that geometry's
checksum, so two features are duplicates only if their whole geometry is), `_line` (the feature's number:
physical lines mean nothing in GeoJSON), and what shapely made of it: `_simplified` (GeoJSON text) or
`_problem`, and the label point. Every check is the SQL models' (models/staging/natural_earth_boundaries).
Each feature is simplified on its own (shared borders may differ by up to the tolerance, about 1.5 km,
invisible at the dashboard's scale).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import shapely
from shapely.geometry import mapping, shape

from common.errors import EtlError

# Degrees; 0.015 keeps the whole Americas under ~350 KB of GeoJSON.
TOLERANCE = 0.015
DECIMALS = 3
PROPERTIES = ("ADM0_A3", "ISO_A3", "NAME", "SUBREGION")
# Raw geometry text kept in the quarantine is cut here: a continent polygon is megabytes.
RAW_GEOMETRY_CHARS = 300


def land_shapes(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> None:
    """Land a GeoJSON FeatureCollection as `table`; EtlError if the file is missing or malformed."""
    features = _read_features(path)
    rows = {name: [_text(f, name) for f in features] for name in PROPERTIES}
    raw = [_geometry_text(f) for f in features]
    rows["geometry"] = [g[:RAW_GEOMETRY_CHARS] for g in raw]
    rows["geometry_sha256"] = [hashlib.sha256(g.encode()).hexdigest() if g else "" for g in raw]
    rows["_line"] = list(range(1, len(features) + 1))
    simplified, problems = zip(*(_simplified(f) for f in features)) if features else ((), ())
    rows["_simplified"], rows["_problem"] = list(simplified), list(problems)
    points = [shape(json.loads(s)).representative_point() if s else None for s in simplified]
    rows["_label_lat"] = [round(p.y, 4) if p else None for p in points]
    rows["_label_lon"] = [round(p.x, 4) if p else None for p in points]
    types = {"_line": pa.int64(), "_label_lat": pa.float64(), "_label_lon": pa.float64()}
    con.from_arrow(pa.table({k: pa.array(v, types.get(k, pa.string())) for k, v in rows.items()})).create(table)


def _read_features(path: Path) -> list[dict]:
    """The features, each an object (one that is not has no properties and no geometry)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise EtlError(path, "file not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EtlError(path, f"malformed GeoJSON ({exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        raise EtlError(path, "not a GeoJSON FeatureCollection (no 'features' list)")
    return [f if isinstance(f, dict) else {} for f in doc["features"]]


def _text(feature: dict, key: str) -> str:
    """A property as stripped text ('' when absent or null)."""
    props = feature.get("properties")
    value = props.get(key) if isinstance(props, dict) else None
    return "" if value is None else str(value).strip()


def _geometry_text(feature: dict) -> str:
    """The raw geometry as compact JSON text."""
    geometry = feature.get("geometry")
    return "" if geometry is None else json.dumps(geometry, separators=(",", ":"), sort_keys=True)


def _simplified(feature: dict) -> tuple[str | None, str | None]:
    """(simplified GeoJSON geometry text, None) or (None, reason the geometry cannot be used)."""
    geometry = feature.get("geometry")
    if not geometry:
        return None, "missing geometry"
    try:
        geom = shape(geometry)
    except Exception:  # shapely raises several types for malformed coordinates
        return None, "unreadable geometry"
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
        return None, "not a polygon geometry"
    if not geom.is_valid:
        return None, "invalid geometry (self-intersecting or unclosed rings)"
    simple = shapely.simplify(geom, TOLERANCE, preserve_topology=True)
    # Snapping to the 3-decimal grid (~110 m) can wipe out an islet smaller than the grid:
    # fall back to finer grids so every country keeps a shape.
    for decimals in range(DECIMALS, 7):
        snapped = shapely.set_precision(simple, 10.0**-decimals)
        if not snapped.is_empty and snapped.is_valid:
            rounded = shapely.transform(snapped, lambda xy: xy.round(decimals))
            return json.dumps(mapping(rounded), separators=(",", ":")), None
    return None, "geometry collapsed when simplified"
