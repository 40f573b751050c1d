"""Natural Earth 1:50m Admin-0 country polygons of the Americas, simplified for the web map.

Only `ne_50m_admin_0_countries_americas.geojson` is read. The 110m file in the same folder lacks
seven small Caribbean states (ATG BRB DMA GRD KNA LCA VCT), and `ne_50m_americas_attributes.csv`
repeats the GeoJSON properties without geometry, so neither is read.

Features are joined on `ADM0_A3`, never `ISO_A3` (Natural Earth sets ISO_A3 = -99 for France and
Norway). Territories (PRI, GRL, ABW...) are kept as background land with no country_iso3.
Each feature is simplified on its own (shared borders may differ by up to the tolerance,
about 1.5 km, invisible at the dashboard's scale) and its coordinates rounded to 3 decimals.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import shapely
from shapely.geometry import mapping, shape

from common.countries import scope_codes
from etl.ledger import EtlError, Ledger
from etl.readers import drop_exact_duplicates, quarantine_conflicts
from etl.schema import conform

SOURCE = "natural-earth-boundaries"
TITLE = "Natural Earth 1:50m Admin-0 countries (Americas)"
LICENCE = "Public domain (Natural Earth)"
FILES = ["ne_50m_admin_0_countries_americas.geojson"]

# Degrees; 0.015 keeps the whole Americas under ~350 KB of GeoJSON.
TOLERANCE = 0.015
DECIMALS = 3
NO_CODE = {"", "-99", "None"}
# Raw geometry text kept in the quarantine is cut here: a continent polygon is megabytes.
RAW_GEOMETRY_CHARS = 300


def run(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    """One simplified shape per feature with a usable ADM0_A3 and polygon geometry."""
    file = FILES[0]
    features = _read_features(Path(folder) / file)
    ledger.read(SOURCE, file, len(features))
    raw = pd.DataFrame(
        {
            "ADM0_A3": [_text(f, "ADM0_A3") for f in features],
            "ISO_A3": [_text(f, "ISO_A3") for f in features],
            "NAME": [_text(f, "NAME") for f in features],
            "SUBREGION": [_text(f, "SUBREGION") for f in features],
            "geometry": [_geometry_text(f) for f in features],
            # Physical lines mean nothing in re-serialised GeoJSON: `_line` is the feature number.
            "_line": range(1, len(features) + 1),
        }
    )
    raw = drop_exact_duplicates(raw, ledger, SOURCE, file)

    geoms, problems = zip(*(_simplified(f) for f in features)) if features else ((), ())
    geom = pd.Series(list(geoms), index=range(len(features)), dtype=object).loc[raw.index]
    reason = pd.Series(list(problems), index=range(len(features)), dtype=object).loc[raw.index]
    reason[raw["ADM0_A3"].isin(NO_CODE)] = "missing ADM0_A3"
    bad = reason.notna()
    quarantined = raw.loc[bad].assign(geometry=raw.loc[bad, "geometry"].astype(str).str.slice(0, RAW_GEOMETRY_CHARS))
    ledger.quarantine(SOURCE, file, quarantined, reason[bad], key_columns=["ADM0_A3", "NAME"])

    good = raw.loc[~bad].assign(geometry_out=geom[~bad])
    good = quarantine_conflicts(good, ["ADM0_A3"], ledger, SOURCE, file)
    ledger.loaded(SOURCE, file, len(good))
    shapes = pd.DataFrame(
        {
            "shape_code": good["ADM0_A3"],
            "country_iso3": good["ADM0_A3"].where(good["ADM0_A3"].isin(scope_codes()), None),
            "name": good["NAME"],
            "subregion": good["SUBREGION"].replace("", None),
            "geometry": good["geometry_out"],
            "source_file": file,
        }
    )
    return {"shapes": conform("shapes", shapes)}


def _read_features(path: Path) -> list:
    """The feature list of a GeoJSON FeatureCollection; EtlError if the file is missing or malformed."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise EtlError(path, "file not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EtlError(path, f"malformed GeoJSON ({exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        raise EtlError(path, "not a GeoJSON FeatureCollection (no 'features' list)")
    return doc["features"]


def _text(feature: object, key: str) -> str:
    """A property as stripped text ('' when absent or null)."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    value = props.get(key) if isinstance(props, dict) else None
    return "" if value is None else str(value).strip()


def _geometry_text(feature: object) -> str:
    """The raw geometry as compact JSON text (for duplicate detection and the quarantine)."""
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    return "" if geometry is None else json.dumps(geometry, separators=(",", ":"), sort_keys=True)


def _simplified(feature: object) -> tuple[str | None, str | None]:
    """(simplified GeoJSON geometry text, None) or (None, reason the geometry cannot be used)."""
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
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
            return _geojson(snapped, decimals), None
    return None, "geometry collapsed when simplified"


def _geojson(geom: shapely.Geometry, decimals: int) -> str:
    """Compact GeoJSON text with coordinates printed at `decimals` places."""
    rounded = shapely.transform(geom, lambda xy: xy.round(decimals))
    return json.dumps(mapping(rounded), separators=(",", ":"))
