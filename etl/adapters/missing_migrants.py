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

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from etl.countries import iso3_codes, pseudo_codes, scope_codes
from etl.ledger import Ledger
from etl.readers import parse_dates, parse_numbers, parse_years, to_float
from etl.schema import conform
from etl.sqlrows import SqlRows, codes

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
# GDI coordinates, looked up as lat_/lon_ (parse_numbers): SQL rules, strongest first. Both blank is
# allowed (no point on the map).
COORDINATE_RULES = [
    ("lat_status NOT IN ('ok', 'missing') OR lon_status NOT IN ('ok', 'missing')", "non-numeric coordinates"),
    ("(lat_status = 'missing') <> (lon_status = 'missing')", "incomplete coordinates (latitude or longitude blank)"),
    ("abs(lat_value) > 90 OR abs(lon_value) > 180", "coordinates out of range"),
]
KAGGLE_COUNTS = {
    "Number of Dead": "dead",
    "Minimum Estimated Number of Missing": "missing",
    "Total Number of Dead and Missing": "dead_and_missing",
    "Number of Survivors": "survivors",
    "Number of Females": "females",
    "Number of Males": "males",
    "Number of Children": "children",
}
# "Reported Month" is part of a quarantined row's record key.
KAGGLE_REQUIRED = ["Incident year", "Reported Month", "Region of Incident", *KAGGLE_COUNTS, "Coordinates"]
COORDINATES_PATTERN = r"^\s*(?P<lat>[-+]?\d+(?:\.\d+)?)\s*,\s*(?P<lon>[-+]?\d+(?:\.\d+)?)\s*$"


def run(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    """Incidents and per-country indicators from the GDI file, regional totals from the Kaggle file.

    The two files are independent and this is the slowest adapter at 100x, so the Kaggle file is
    read beside the GDI file, on a ledger of its own; a failure of the GDI file is still the one
    reported when both fail, as when they ran one after the other.
    """
    kaggle_ledger = Ledger()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="mmp-kaggle") as pool:
        regional = pool.submit(_kaggle_regional, Path(folder) / KAGGLE_FILE, kaggle_ledger)
        incidents = _gdi_incidents(Path(folder) / GDI_FILE, ledger)
        values = _country_values(incidents)
        regional = regional.result()
    ledger.absorb(kaggle_ledger)
    return {
        "incidents": conform("incidents", incidents),
        "values": conform("values", values),
        "mmp_regional": conform("mmp_regional", regional),
    }


def _count_rules(prefix: str) -> list[tuple[str, str]]:
    """Rules, strongest first, for a count (looked up as `{prefix}_value`/`_status`) that is not a
    whole number >= 0; a blank count passes."""
    return [
        (f"{prefix}_value < 0", "negative count"),
        (f"{prefix}_value <> floor({prefix}_value)", "non-integer count"),
        (f"{prefix}_status IN ('invalid', 'suppressed')", "non-numeric count"),
    ]


def _dates(texts: pd.Series) -> pd.DataFrame:
    """ISO date, and whether it is before the MMP's start or in the future."""
    date = parse_dates(texts)
    return pd.DataFrame({"date": date, "date_impossible": (date.dt.year < FIRST_YEAR) | (date > pd.Timestamp.today())})


def _nationalities(texts: pd.Series) -> pd.DataFrame:
    """The ISO3 codes a `nat` text names ("SLV,GTM,MEX,UNK"), joined by ";", how many, and whether one is unknown."""
    tokens = texts.str.upper().str.split(",").explode().str.strip()
    tokens = tokens[tokens.notna() & (tokens != "")]
    tokens = tokens[~tokens.to_frame("code").assign(row=tokens.index).duplicated().to_numpy()]  # "MEX,MEX" is one
    by_text = tokens.groupby(level=0)
    return pd.DataFrame(
        {
            "nationalities": by_text.agg(";".join).reindex(texts.index),
            "nationality_count": by_text.size().reindex(texts.index, fill_value=0),
            "nat_unknown": texts.index.isin(tokens[~tokens.isin(iso3_codes() | pseudo_codes())].index),
        }
    )


def _gdi_incidents(path: Path, ledger: Ledger) -> pd.DataFrame:
    """Validated GDI incident records (one per distinct raw row), with the quarantine filled in."""
    file = path.name
    with SqlRows.read(path, GDI_REQUIRED, ledger, SOURCE) as rows:
        rows.lookup("t", _dates)
        rows.lookup("dead", lambda t: parse_numbers(t).add_prefix("dead_"))
        rows.lookup("surv", lambda t: parse_numbers(t).add_prefix("surv_"))
        rows.lookup("lat", lambda t: parse_numbers(t).add_prefix("lat_"))
        rows.lookup("lon", lambda t: parse_numbers(t).add_prefix("lon_"))
        rows.lookup("nat", _nationalities)
        rows.lookup("geo", codes("geo_", iso3_codes(), pseudo=pseudo_codes(), in_scope=scope_codes()))
        # The first rule that holds gives the reason: the most basic problem (date, then the count) is the one reported.
        rows.check(
            [
                ("date IS NULL", "missing or non-ISO date"),
                ("date_impossible", "impossible date (before 2014 or in the future)"),
                ("dead_status = 'missing'", "missing dead and missing count"),
                *_count_rules("dead"),
                *_count_rules("surv"),
                *COORDINATE_RULES,
                # A blank or pseudo code (UNK...) is a place no country can be given, not an error.
                ("NOT geo_known AND NOT geo_pseudo AND geo_code <> ''", "unknown country code"),
                ("nat_unknown", "unknown nationality code"),
            ],
            key=["t", "geo", "location"],
        )
        # What an incident id digests: the raw row's values joined by the unit separator (no raw column is NULL).
        row_text = f"concat_ws(chr(31), {', '.join(rows.col(c) for c in rows.raw_columns)})"
        # A few points sit in Asia or the Middle East (longitude sign dropped, digits mangled) although
        # the country and location text are American: the deaths count, the point is not drawn.
        plausible = (f"lat_value BETWEEN {AMERICAS_LAT[0]} AND {AMERICAS_LAT[1]} "
                     f"AND lon_value BETWEEN {AMERICAS_LON[0]} AND {AMERICAS_LON[1]}")
        incidents = rows.fetch(
            [
                f"left(sha1({row_text}), 12) AS digest",
                "date AS incident_date",
                "year(date) AS year",
                "month(date) AS month",
                f"nullif({rows.col('type')}, '') AS incident_type",
                # Incidents outside the dashboard's countries stay on the map but count for no country.
                "CASE WHEN geo_in_scope THEN geo_code END AS country_iso3",
                f"nullif({rows.col('route')}, '') AS route",
                f"nullif({rows.col('cause')}, '') AS cause",
                "dead_value AS dead_and_missing",
                "surv_value AS survivors",
                "nationalities",
                "nationality_count",
                f"nullif({rows.col('location')}, '') AS location",
                f"CASE WHEN {plausible} THEN lat_value END AS latitude",
                f"CASE WHEN {plausible} THEN lon_value END AS longitude",
                "_line AS source_line",
            ]
        )
    # The id is the first 12 hex of sha1 over the raw row's values, plus -n for the n-th row with the
    # same digest: the same ids every build. (Numbered here: a window over the digest in DuckDB is slower.)
    digest = incidents.pop("digest")
    occurrence = digest.groupby(digest, sort=False).cumcount()
    incidents.insert(0, "incident_id", digest.where(occurrence == 0, digest + "-" + occurrence.astype(str)))
    return incidents.assign(source_file=file)


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


def _coordinates(texts: pd.Series) -> pd.DataFrame:
    """The "lat, lon" pair of a Kaggle `Coordinates` text (NaN where it does not parse), and whether it is blank."""
    # Nearly every text is distinct, and Python's re per text is slow: Arrow's RE2 reads the pattern
    # the same way on ASCII text without \v or \x1c-\x1f (spaces to Python's \s, not to RE2's), and
    # Python's re reads the rest (its \d and \s also know Unicode digits and spaces).
    arrow = pa.array(texts.array)
    plain = pc.and_(pc.string_is_ascii(arrow), pc.invert(pc.match_substring_regex(arrow, r"[\x0b\x1c-\x1f]")))
    found = pc.extract_regex(arrow, COORDINATES_PATTERN)
    pair = pd.DataFrame(
        {g: pd.arrays.ArrowStringArray(pc.struct_field(found, g), dtype=texts.dtype) for g in ("lat", "lon")}
    )
    odd = ~plain.to_numpy(zero_copy_only=False)
    if odd.any():
        pair.loc[odd] = texts[odd].str.extract(COORDINATES_PATTERN)
    # Plain decimals through Arrow, the rest as Python's float() reads them ("١٨" is 18 to it, not
    # to pandas): astype went through a Python float per text. Only the sign of a zero can differ,
    # and the coordinates are only checked, on abs().
    def number(text: pd.Series) -> np.ndarray:
        return to_float(text, parse=lambda u: u.astype("float64"))

    return pd.DataFrame({"coord_lat": number(pair["lat"]), "coord_lon": number(pair["lon"]), "coord_blank": texts == ""},
                        index=texts.index)


def _kaggle_regional(path: Path, ledger: Ledger) -> pd.DataFrame:
    """Incidents, dead, missing, survivors, females, males and children per year and region of incident."""
    file = path.name
    with SqlRows.read(path, KAGGLE_REQUIRED, ledger, SOURCE) as rows:
        rows.lookup("Incident year", lambda t: pd.DataFrame({"year": parse_years(t, FIRST_YEAR)}))
        for col, name in KAGGLE_COUNTS.items():
            rows.lookup(col, lambda t, name=name: parse_numbers(t).add_prefix(f"{name}_"))
        # "lat, lon" in one quoted string; only checked, since regional totals do not use it.
        rows.lookup("Coordinates", _coordinates)
        rows.lookup("Region of Incident", lambda t: pd.DataFrame({"in_americas": t.isin(AMERICAS_REGIONS)}))
        # The first rule that holds gives the reason: the most basic problem (year, then region) is the one reported.
        rows.check(
            [
                ("year IS NULL", "impossible or non-numeric year"),
                (f"{rows.col('Region of Incident')} = ''", "missing region of incident"),
                ("NOT in_americas", "region of incident outside the Americas"),
                ("dead_and_missing_status = 'missing'", "missing total dead and missing"),
                *[rule for name in reversed(KAGGLE_COUNTS.values()) for rule in _count_rules(name)],
                ("coord_lat IS NULL AND NOT coord_blank", "unparseable coordinates"),
                ("abs(coord_lat) > 90 OR abs(coord_lon) > 180", "coordinates out of range"),
                ("coalesce(dead_value, 0) + coalesce(missing_value, 0) <> dead_and_missing_value",
                 "dead + missing differ from the total"),
            ],
            key=["Incident year", "Reported Month", "Region of Incident"],
        )
        good = rows.fetch(
            ["year", f"{rows.col('Region of Incident')} AS region_of_incident"]
            + [f"{name}_value AS {name}" for name in KAGGLE_COUNTS.values()]
        )
    # A blank dead (or missing) cell means none: the check above has the total equal the other part.
    good = good.fillna({"dead": 0.0, "missing": 0.0})
    if good.empty:
        return good.assign(incidents=pd.Series(dtype="Int64"), source_file=file)
    grouped = good.groupby(["year", "region_of_incident"])
    # min_count=1: a group whose every cell is blank stays unknown rather than 0.
    sums = grouped[list(KAGGLE_COUNTS.values())].sum(min_count=1)
    sums["incidents"] = grouped.size()
    # A running record: a region with no incident in a covered year is a recorded 0.
    grid = pd.MultiIndex.from_product(
        [range(int(good["year"].min()), int(good["year"].max()) + 1), AMERICAS_REGIONS],
        names=["year", "region_of_incident"],
    )
    full = sums.reindex(grid)
    empty = ~grid.isin(sums.index)
    full.loc[empty] = 0
    return full.reset_index().assign(source_file=file)
