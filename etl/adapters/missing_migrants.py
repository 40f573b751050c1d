"""IOM Missing Migrants Project (MMP): dead and missing migrants in the Americas.

Two versions of the MMP are in the source folder; to avoid counting the same deaths twice,
each feeds different tables:

* `gdidata_iom_mmp_americas.csv` (IOM GDI cleaned version, Jan 2014 - Apr 2025, exact dates,
  ISO3 country of incident, dead and missing combined) feeds the `incidents` table and the
  per-country indicators in `values`.
* `kaggle_global_missing_migrants_americas.csv` (older Kaggle copy, to mid-2023, no country
  of incident but dead vs missing split and sex/children counts) feeds only `mmp_regional`,
  totals per year and MMP region of incident.

Coordinates must be numbers within +-90 / +-180 (else the record is quarantined); a point that is
valid but outside the Americas (a dropped minus sign puts Arizona in China) keeps its record and
counts, with latitude/longitude left empty so the map does not draw it. Both blank is allowed.

The MMP is a running record: a country-year with nothing recorded is a real 0, so the
indicators carry a row for every scope country and every year the file covers.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from etl.countries import iso3_codes, pseudo_codes, scope_codes
from etl.ledger import Ledger
from etl.readers import join_columns, parse_dates, parse_numbers, parse_years, read_source
from etl.schema import conform

SOURCE = "missing-migrants"
TITLE = "IOM Missing Migrants Project: dead and missing migrants (Americas)"
LICENCE = "CC BY 4.0 (IOM Missing Migrants Project)"
GDI_FILE = "gdidata_iom_mmp_americas.csv"
KAGGLE_FILE = "kaggle_global_missing_migrants_americas.csv"
FILES = [GDI_FILE, KAGGLE_FILE]

# The MMP started recording in January 2014; earlier dates cannot come from it.
FIRST_YEAR = 2014
AMERICAS_REGIONS = ["North America", "Central America", "Caribbean", "South America"]
# Where an incident in the Americas can be (Aleutians to Cape Horn, Atlantic seaboard + 1,000 km).
AMERICAS_LAT = (-60.0, 85.0)
AMERICAS_LON = (-180.0, -25.0)

GDI_REQUIRED = ["t", "type", "route", "geo", "dead", "cause", "surv", "nat", "location", "lon", "lat"]
KAGGLE_COUNTS = {
    "Number of Dead": "dead",
    "Minimum Estimated Number of Missing": "missing",
    "Total Number of Dead and Missing": "dead_and_missing",
    "Number of Survivors": "survivors",
    "Number of Females": "females",
    "Number of Males": "males",
    "Number of Children": "children",
}
KAGGLE_REQUIRED = ["Incident year", "Region of Incident", *KAGGLE_COUNTS, "Coordinates"]
COORDINATES_PATTERN = r"^\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*$"


def run(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    """Incidents and per-country indicators from the GDI file, regional totals from the Kaggle file."""
    incidents = _gdi_incidents(Path(folder) / GDI_FILE, ledger)
    return {
        "incidents": conform("incidents", incidents),
        "values": conform("values", _country_values(incidents)),
        "mmp_regional": conform("mmp_regional", _kaggle_regional(Path(folder) / KAGGLE_FILE, ledger)),
    }


def _count_problems(parsed: pd.DataFrame) -> pd.Series:
    """A reason per row for a count that is not a whole number >= 0 (None where it is fine or blank)."""
    reason = pd.Series(None, index=parsed.index, dtype=object)
    value = parsed["value"]
    reason[parsed["status"].isin(["invalid", "suppressed"])] = "non-numeric count"
    reason[value.notna() & (value != np.floor(value))] = "non-integer count"
    reason[value < 0] = "negative count"
    return reason


def _overrule(reason: pd.Series, new: pd.Series) -> pd.Series:
    """`reason` with `new`'s reason wherever `new` has one."""
    return reason.mask(new.notna(), new)


def _coordinate_problems(lat_text: pd.Series, lon_text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Latitude, longitude and a reason per row; both blank is allowed (no point on the map)."""
    lat = parse_numbers(lat_text)
    lon = parse_numbers(lon_text)
    reason = pd.Series(None, index=lat_text.index, dtype=object)
    lat_missing = lat["status"] == "missing"
    lon_missing = lon["status"] == "missing"
    out_of_range = (lat["value"].abs() > 90) | (lon["value"].abs() > 180)
    reason[out_of_range] = "coordinates out of range"
    reason[lat_missing != lon_missing] = "incomplete coordinates (latitude or longitude blank)"
    reason[(lat["status"] != "ok") & ~lat_missing | (lon["status"] != "ok") & ~lon_missing] = (
        "non-numeric coordinates"
    )
    return lat["value"], lon["value"], reason


def _stable_ids(frame: pd.DataFrame) -> pd.Series:
    """First 12 hex of sha1 over the raw row's values, plus -n for the n-th identical row: same ids every build."""
    if frame.empty:  # `agg(axis=1)` on no rows returns a frame, not a series
        return pd.Series([], index=frame.index, dtype=object)
    cols = [c for c in frame.columns if not str(c).startswith("_")]
    joined = join_columns(frame, cols, "\x1f")
    digests = pd.Series([hashlib.sha1(s.encode("utf-8")).hexdigest()[:12] for s in joined], index=frame.index)
    occurrence = digests.groupby(digests).cumcount()
    return digests.where(occurrence == 0, digests + "-" + occurrence.astype(str))


def _gdi_incidents(path: Path, ledger: Ledger) -> pd.DataFrame:
    """Validated GDI incident records (one per distinct raw row), with the quarantine filled in."""
    file = path.name
    raw = read_source(path, GDI_REQUIRED, ledger, SOURCE)

    date = parse_dates(raw["t"])
    dead = parse_numbers(raw["dead"])
    surv = parse_numbers(raw["surv"])
    lat, lon, coord_reason = _coordinate_problems(raw["lat"], raw["lon"])

    # `nat` lists one or more ISO3 codes joined by commas ("SLV,GTM,MEX,UNK").
    tokens = raw["nat"].str.upper().str.split(",").explode().str.strip()
    tokens = tokens[tokens.notna() & (tokens != "")]
    tokens = tokens[~tokens.to_frame("code").assign(row=tokens.index).duplicated().to_numpy()]  # "MEX,MEX" is one
    bad_nat = tokens[~tokens.isin(iso3_codes() | pseudo_codes())].index.unique()
    # Most rows name one nationality: join only the rows that name several (a grouped join is slow).
    several = tokens.index.duplicated(keep=False)
    joined = tokens[several].groupby(level=0).agg(";".join)
    nationalities = pd.concat([tokens[~several], joined]).reindex(raw.index)
    n_nationalities = tokens.groupby(level=0).size().reindex(raw.index, fill_value=0)

    geo = raw["geo"].str.upper()
    geo_known = geo.isin(iso3_codes()) & ~geo.isin(pseudo_codes())
    geo_unattributable = (geo == "") | geo.isin(pseudo_codes())

    # Later assignments win: the most basic problem (date, then the count) is the one reported.
    reason = pd.Series(None, index=raw.index, dtype=object)
    reason[raw.index.isin(bad_nat)] = "unknown nationality code"
    reason[~geo_known & ~geo_unattributable] = "unknown country code"
    reason = _overrule(reason, coord_reason)
    reason = _overrule(reason, _count_problems(surv))
    reason = _overrule(reason, _count_problems(dead))
    reason[dead["status"] == "missing"] = "missing dead and missing count"
    too_early_or_late = (date.dt.year < FIRST_YEAR) | (date > pd.Timestamp.today())
    reason[too_early_or_late] = "impossible date (before 2014 or in the future)"
    reason[date.isna()] = "missing or non-ISO date"
    bad = reason.notna()
    ledger.quarantine(SOURCE, file, raw.loc[bad], reason[bad], key_columns=["t", "geo", "location"])

    good = ~bad
    ledger.loaded(SOURCE, file, int(good.sum()))
    kept = raw.loc[good]
    # A few points sit in Asia or the Middle East (longitude sign dropped, digits mangled) although
    # the country and location text are American: the deaths count, the point is not drawn.
    plausible = lat.between(*AMERICAS_LAT) & lon.between(*AMERICAS_LON)
    lat, lon = lat.where(plausible), lon.where(plausible)
    in_scope = geo[good].isin(scope_codes())
    return pd.DataFrame(
        {
            "incident_id": _stable_ids(kept),
            "incident_date": date[good],
            "year": date[good].dt.year,
            "month": date[good].dt.month,
            "incident_type": kept["type"].replace("", None),
            # Incidents outside the dashboard's countries stay on the map but count for no country.
            "country_iso3": geo[good].where(in_scope, None),
            "route": kept["route"].replace("", None),
            "cause": kept["cause"].replace("", None),
            "dead_and_missing": dead["value"][good],
            "survivors": surv["value"][good],
            "nationalities": nationalities[good],
            "nationality_count": n_nationalities[good],
            "location": kept["location"].replace("", None),
            "latitude": lat[good],
            "longitude": lon[good],
            "source_file": file,
            "source_line": kept["_line"],
        }
    )


def _country_values(incidents: pd.DataFrame) -> pd.DataFrame:
    """mmp_dead_missing, mmp_incidents and mmp_dead_missing_nationals per scope country and year, 0-filled."""
    if incidents.empty:
        return pd.DataFrame(columns=["country_iso3", "indicator_code", "year", "value", "value_flag",
                                     "upper_bound", "months_covered", "source_file"])
    first, last = int(incidents["year"].min()), int(incidents["year"].max())
    last_month = int(incidents.loc[incidents["year"] == last, "month"].max())
    grid = pd.MultiIndex.from_product(
        [sorted(scope_codes()), range(first, last + 1)], names=["country_iso3", "year"]
    )
    by_place = incidents.groupby(["country_iso3", "year"])
    # Only records naming exactly one nationality can be attributed to that country.
    single = incidents[(incidents["nationality_count"] == 1)]
    single = single.assign(nat_iso3=single["nationalities"])
    by_nat = single[single["nat_iso3"].isin(scope_codes())].groupby(["nat_iso3", "year"])
    series = {
        "mmp_dead_missing": by_place["dead_and_missing"].sum(),
        "mmp_incidents": by_place.size().astype("float64"),
        "mmp_dead_missing_nationals": by_nat["dead_and_missing"].sum().rename_axis(["country_iso3", "year"]),
    }
    frames = []
    for code, s in series.items():
        full = s.reindex(grid, fill_value=0.0).rename("value").reset_index()
        frames.append(full.assign(indicator_code=code))
    out = pd.concat(frames, ignore_index=True)
    return out.assign(
        value_flag=None,
        upper_bound=np.nan,
        months_covered=np.where(out["year"] == last, last_month, 12),
        source_file=GDI_FILE,
    )


def _kaggle_regional(path: Path, ledger: Ledger) -> pd.DataFrame:
    """Incidents, dead, missing, survivors, females, males and children per year and region of incident."""
    file = path.name
    raw = read_source(path, KAGGLE_REQUIRED, ledger, SOURCE)

    year = parse_years(raw["Incident year"], FIRST_YEAR)
    counts = {name: parse_numbers(raw[col]) for col, name in KAGGLE_COUNTS.items()}
    # "lat, lon" in one quoted string; only checked, since regional totals do not use it.
    coords = raw["Coordinates"].str.extract(COORDINATES_PATTERN).astype("float64")
    coords_blank = raw["Coordinates"] == ""
    region = raw["Region of Incident"]

    reason = pd.Series(None, index=raw.index, dtype=object)
    total = counts["dead_and_missing"]["value"]
    split_sum = counts["dead"]["value"].fillna(0) + counts["missing"]["value"].fillna(0)
    reason[total.notna() & (split_sum != total)] = "dead + missing differ from the total"
    out_of_range = (coords[0].abs() > 90) | (coords[1].abs() > 180)
    reason[out_of_range] = "coordinates out of range"
    reason[coords[0].isna() & ~coords_blank] = "unparseable coordinates"
    for parsed in counts.values():
        reason = _overrule(reason, _count_problems(parsed))
    reason[counts["dead_and_missing"]["status"] == "missing"] = "missing total dead and missing"
    reason[~region.isin(AMERICAS_REGIONS)] = "region of incident outside the Americas"
    reason[region == ""] = "missing region of incident"
    reason[year.isna()] = "impossible or non-numeric year"
    bad = reason.notna()
    ledger.quarantine(
        SOURCE, file, raw.loc[bad], reason[bad], key_columns=["Incident year", "Reported Month", "Region of Incident"]
    )

    good = ~bad
    ledger.loaded(SOURCE, file, int(good.sum()))
    rows = pd.DataFrame(
        {"year": year[good], "region_of_incident": region[good]}
        | {name: parsed["value"][good] for name, parsed in counts.items()}
    )
    # A blank dead (or missing) cell means none: the check above has the total equal the other part.
    rows = rows.fillna({"dead": 0.0, "missing": 0.0})
    if rows.empty:
        return rows.assign(incidents=pd.Series(dtype="Int64"), source_file=file)
    grouped = rows.groupby(["year", "region_of_incident"])
    # min_count=1: a group whose every cell is blank stays unknown rather than 0.
    sums = grouped[list(KAGGLE_COUNTS.values())].sum(min_count=1)
    sums["incidents"] = grouped.size()
    # A running record: a region with no incident in a covered year is a recorded 0.
    grid = pd.MultiIndex.from_product(
        [range(int(rows["year"].min()), int(rows["year"].max()) + 1), AMERICAS_REGIONS],
        names=["year", "region_of_incident"],
    )
    full = sums.reindex(grid)
    empty = ~grid.isin(sums.index)
    full.loc[empty] = 0
    return full.reset_index().assign(source_file=file)
