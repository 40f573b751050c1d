"""US State Department TIP report tiers (Cho coding via Heiss & Kelley), 2001-2015."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.countries import iso3_codes, scope_codes
from etl.ledger import OUTSIDE_COUNTRY, Ledger
from etl.readers import parse_years, quarantine_conflicts, read_source
from etl.schema import conform

SOURCE = "us-tip-tiers"
TITLE = "US Department of State, Trafficking in Persons Report tier placements (Cho coding)"
LICENCE = "Public domain (US government work)"
FILES = ["tip_tiers_lac.csv"]

# Tier 2 Watch List sits between tiers 2 and 3; lower is better.
TIER_VALUES = {"Tier 1": 1.0, "Tier 2": 2.0, "Watchlist": 2.5, "Tier 2 Watch List": 2.5, "Tier 3": 3.0}
NOT_RANKED = {"NA", "", "Special case", "special case"}


def run(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    """Tier per country and report year as indicator us_tip_tier."""
    file = FILES[0]
    raw = read_source(folder / file, ["iso", "year", "tier"], ledger, SOURCE)

    year = parse_years(raw["year"], 1999)
    tier_text = raw["tier"].str.strip()  # the source pads tiers with trailing spaces
    reason = pd.Series(None, index=raw.index, dtype=object)
    reason[tier_text.isin(NOT_RANKED)] = "not ranked that year (NA in source)"
    reason[~tier_text.isin(NOT_RANKED) & ~tier_text.isin(TIER_VALUES.keys())] = "unknown tier label"
    reason[year.isna()] = "impossible or non-numeric year"
    reason[~raw["iso"].isin(scope_codes())] = OUTSIDE_COUNTRY
    reason[~raw["iso"].isin(iso3_codes())] = "unknown country code"
    bad = reason.notna()
    ledger.quarantine(SOURCE, file, raw.loc[bad], reason[bad], key_columns=["iso", "year"],
                      outside_scope=[OUTSIDE_COUNTRY])

    good = raw.loc[~bad].assign(year=year[~bad])
    good = quarantine_conflicts(good, ["iso", "year"], ledger, SOURCE, file)
    ledger.loaded(SOURCE, file, len(good))
    values = pd.DataFrame(
        {
            "country_iso3": good["iso"],
            "indicator_code": "us_tip_tier",
            "year": good["year"],
            "value": good["tier"].str.strip().map(TIER_VALUES),
            "value_flag": None,
            "upper_bound": None,
            "months_covered": None,
            "source_file": file,
        }
    )
    return {"values": conform("values", values)}
