"""Landing the Natural Earth 1:50m polygons of the Americas, simplified for the web map with shapely: the one
raw file that needs Python. A feature becomes one row: its properties as text, its raw geometry's start and
checksum (two features are duplicates only if their whole geometry is), `_line` (its number: lines mean nothing
in GeoJSON), and `_simplified` (GeoJSON text) or `_problem`, with a label point; every check is the SQL models'.
Each feature is simplified on its own: shared borders may differ by up to the tolerance (~1.5 km, invisible at
the dashboard's scale)."""
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
COLUMNS = pa.schema([*((name, pa.string()) for name in (*PROPERTIES, "geometry", "geometry_sha256")),
                     ("_line", pa.int64()), ("_simplified", pa.string()), ("_problem", pa.string()),
                     ("_label_lat", pa.float64()), ("_label_lon", pa.float64())])


def land_shapes(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> None:
    """Land a GeoJSON FeatureCollection as `table`; EtlError if the file is missing or malformed."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise EtlError(path, "file not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EtlError(path, f"malformed GeoJSON ({exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        raise EtlError(path, "not a GeoJSON FeatureCollection (no 'features' list)")
    # A feature that is not an object has no properties and no geometry.
    rows = [_row(f if isinstance(f, dict) else {}, line) for line, f in enumerate(doc["features"], start=1)]
    con.from_arrow(pa.Table.from_pylist(rows, schema=COLUMNS)).create(table)


def _row(feature: dict, line: int) -> dict:
    """A feature's row: properties as stripped text ('' when absent or null), raw geometry, shapely's shape."""
    props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
    geometry = feature.get("geometry")
    raw = "" if geometry is None else json.dumps(geometry, separators=(",", ":"), sort_keys=True)
    simplified, problem = _simplified(geometry)
    point = simplified.representative_point() if simplified is not None else None
    return {**{key: "" if props.get(key) is None else str(props[key]).strip() for key in PROPERTIES},
            "geometry": raw[:RAW_GEOMETRY_CHARS],
            "geometry_sha256": hashlib.sha256(raw.encode()).hexdigest() if raw else "",
            "_line": line, "_problem": problem,
            "_simplified": None if simplified is None else json.dumps(mapping(simplified), separators=(",", ":")),
            "_label_lat": None if point is None else round(point.y, 4),
            "_label_lon": None if point is None else round(point.x, 4)}


def _simplified(geometry: dict | None) -> tuple[shapely.Geometry | None, str | None]:
    """(the simplified polygon, None) or (None, the reason the geometry cannot be used)."""
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
            return shapely.transform(snapped, lambda xy: xy.round(decimals)), None
    return None, "geometry collapsed when simplified"
