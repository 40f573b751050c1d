"""UN DESA International Migrant Stock: migrants living in each country, nationals abroad, share of women.

Two files are read:

* `gdidata_undesa_stocks_2024_lac.csv`, the 2024 revision as a bilateral table (destination `geo`,
  origin `from`, sex, count `n`, year `t`), cleaned by IOM GDI. Summed over origins and both sexes it
  gives the migrant stock of a destination; summed over destinations, the emigrant stock of an origin.
* `table4_lac.csv`, table 4 of the official 2020 revision workbook (female migrants as a percentage of
  the stock, 1990-2020), which the 2024 file cannot replace: it is DESA's own published share.

Not read: tables 1, 2, 3, 5 and 6 of the 2020 workbook (stock by sex, population, stock as % of
population, rate of change, refugees) are the 2020 revision of what the 2024 bilateral file and rates
derived from it give; the 2019 wide origin x destination matrix is superseded by the 2024 file.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pycountry

from etl.countries import iso3_codes, lac33_codes, pseudo_codes, scope_codes
from etl.ledger import OUTSIDE_COUNTRY, EtlError, Ledger
from etl.readers import (
    MAX_YEAR,
    drop_exact_duplicates,
    parse_numbers,
    parse_years,
    quarantine_conflicts,
    read_csv,
)
from etl.schema import conform
from etl.sqlrows import SqlRows, codes, count_rules

SOURCE = "undesa-migrant-stock"
TITLE = "UN DESA Population Division, International Migrant Stock (2024 revision; 2020 revision table 4)"
LICENCE = "CC BY 3.0 IGO (United Nations)"
BILATERAL = "gdidata_undesa_stocks_2024_lac.csv"
TABLE4 = "table4_lac.csv"
FILES = [BILATERAL, TABLE4]

# Codes UN DESA uses that are not ISO 3166 countries; fine as the other side of a pair, never a country.
DESA_CODES = {"OOO": "other or unknown origin", "XCX": "Channel Islands (UN code 830, no ISO code)"}
SEXES = ("female", "male")
FIRST_YEAR = 1950
TABLE4_BLOCK = "female migrants as a percentage"
YEAR_COLUMN = re.compile(r"\|\s*(\d{4})\s*$")
# Sound rows about countries the dashboard does not cover: counted per reason, not quarantined.
OUTSIDE_PAIR = "destination outside the dashboard's scope and origin not a LAC33 country"
# UN M49 numeric codes of 900 and above are DESA's regions and development groups.
FIRST_AGGREGATE_CODE = 900


def run(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    """Migrant and emigrant stocks (with sex breakdowns) from the 2024 file, female share from table 4."""
    stocks, by_sex = _bilateral(folder / BILATERAL, ledger)
    female_share = _table4(folder / TABLE4, ledger)
    return {
        "values": conform("values", pd.concat([stocks, female_share], ignore_index=True)),
        "breakdowns": conform("breakdowns", by_sex),
    }


def _bilateral(path: Path, ledger: Ledger) -> tuple[pd.DataFrame, pd.DataFrame]:
    """desa_migrant_stock by destination and desa_emigrant_stock by origin, totals and by sex."""
    file = path.name
    known = list(iso3_codes() | pseudo_codes() | set(DESA_CODES))
    with SqlRows.read(path, ["geo", "t", "from", "sex", "n"], ledger, SOURCE) as rows:
        # The file holds every destination only for LAC33 origins (its filter), so only their
        # emigrant stock is complete; a USA or CAN "emigrant stock" would count only those living
        # in the region.
        rows.lookup("geo", codes("geo_", known, in_scope=scope_codes()))
        rows.lookup("from", codes("from_", known, lac=lac33_codes()))
        rows.lookup("sex", lambda t: pd.DataFrame({"sex_code": t.str.lower(), "sex_ok": t.str.lower().isin(SEXES)}))
        rows.lookup("t", lambda t: pd.DataFrame({"year": parse_years(t, FIRST_YEAR)}))
        rows.lookup("n", lambda t: parse_numbers(t).add_prefix("n_"))
        # The first rule that holds gives the reason: the most basic problem is the one reported.
        rows.check(
            [
                ("NOT geo_known OR NOT from_known", "unknown country code"),
                ("year IS NULL", "impossible or non-numeric year"),
                ("NOT sex_ok", "unknown sex category (expected female or male)"),
                *count_rules(),  # DESA publishes no censored cells
                ("NOT geo_in_scope AND NOT from_lac", OUTSIDE_PAIR),
            ],
            key=["geo", "from", "t", "sex"],
            outside_scope=[OUTSIDE_PAIR],
        )
        rows.conflicts(["geo", "from", "t", "sex"])
        # Origin-sex pairs DESA left out mean "insufficient data": they are simply not in the sums.
        # Summed in DuckDB: the rows left are millions at 100x, the sums thousands.
        totals, by_sex = [], []
        for country, where, code in [("geo_code", "geo_in_scope", "desa_migrant_stock"),
                                     ("from_code", "from_lac", "desa_emigrant_stock")]:
            keys = [f"{country} AS country_iso3", "year AS year"]
            totals.append(rows.sums("n_value", keys, where=where).assign(indicator_code=code))
            by_sex.append(rows.sums("n_value", [*keys, "sex_code AS sex"], where=where).assign(indicator_code=code))
        rows.loaded()
    values = pd.concat(totals, ignore_index=True).assign(
        value_flag=None, upper_bound=None, months_covered=None, source_file=file
    )
    breakdowns = pd.concat(by_sex, ignore_index=True)
    breakdowns = breakdowns.assign(
        dimension="sex",
        category=breakdowns["sex"],
        age=None,
        value_flag=None,
        upper_bound=None,
        months_covered=None,
        source_file=file,
    )
    return values, breakdowns


def _year_columns(frame: pd.DataFrame) -> dict[str, int]:
    """Columns named "<block title> | <year>" of the female-share block, with their years."""
    found = {}
    for col in frame.columns:
        match = YEAR_COLUMN.search(str(col))
        if match and TABLE4_BLOCK in str(col).lower():
            found[col] = int(match.group(1))
    return found


def _header_rows(path: Path) -> int:
    """1 if the first line already holds "<block title> | <year>" names, else 2 (the native sheet)."""
    try:
        with path.open("rb") as fh:
            first = fh.readline().decode("utf-8", errors="replace")
    except OSError:
        return 1  # read_csv reports the unreadable file
    # Peeking is needed: the native first row (title plus blank cells) has no usable column names.
    return 1 if re.search(r"\|\s*\d{4}", first) else 2


def _read_table4(path: Path) -> tuple[pd.DataFrame, dict[str, int]]:
    """Read table 4 whether its two header rows (block title, year) are already joined or not."""
    frame = read_csv(path, header_rows=_header_rows(path))
    years = _year_columns(frame)
    missing = [c for c in ["Location code"] if c not in frame.columns]
    if missing:
        raise EtlError(path, f"missing required column '{missing[0]}'")
    if not years:
        raise EtlError(path, "no 'Female migrants as a percentage ... | <year>' columns found")
    wrong = [c for c, y in years.items() if not FIRST_YEAR <= y <= MAX_YEAR]
    if wrong:
        raise EtlError(path, f"impossible year in column header '{wrong[0]}'")
    return frame, years


def _m49_to_iso3() -> dict[int, str]:
    return {int(c.numeric): c.alpha_3 for c in pycountry.countries}


def _table4(path: Path, ledger: Ledger) -> pd.DataFrame:
    """desa_female_migrants_pct per country and year from the 2020 revision's table 4."""
    file = path.name
    raw, years = _read_table4(path)
    ledger.read(SOURCE, file, len(raw))
    raw = drop_exact_duplicates(raw, ledger, SOURCE, file)

    code = pd.to_numeric(raw["Location code"], errors="coerce")
    whole = code.notna() & (code == code.round())
    iso3 = code.where(whole).map(_m49_to_iso3()).astype(object)
    cells = {col: parse_numbers(raw[col]) for col in years}
    status = pd.DataFrame({col: p["status"] for col, p in cells.items()})
    value = pd.DataFrame({col: p["value"] for col, p in cells.items()})
    ok = status == "ok"

    reason = pd.Series(None, index=raw.index, dtype=object)
    reason[~ok.any(axis=1)] = "no value in any year"
    reason[(ok & ((value < 0) | (value > 100))).any(axis=1)] = "percentage outside 0-100"
    reason[(status == "invalid").any(axis=1) | (status == "suppressed").any(axis=1)] = "non-numeric value"
    reason[iso3.notna() & ~iso3.isin(list(scope_codes()))] = OUTSIDE_COUNTRY
    # World, regions and development groups (M49 900+, or any code that names no country).
    reason[whole & ((code >= FIRST_AGGREGATE_CODE) | iso3.isna())] = "region aggregate, not a country"
    reason[~whole] = "missing or non-numeric location code"
    bad = reason.notna()
    ledger.quarantine(SOURCE, file, raw.loc[bad], reason[bad], key_columns=["Location code"],
                      outside_scope=[OUTSIDE_COUNTRY])

    good = raw.loc[~bad].assign(country_iso3=iso3[~bad])
    good = quarantine_conflicts(good, ["country_iso3"], ledger, SOURCE, file)
    ledger.loaded(SOURCE, file, len(good))
    long = (
        value.loc[good.index]
        .assign(country_iso3=good["country_iso3"])
        .melt(id_vars="country_iso3", var_name="column", value_name="value")
    )
    # `..` means not available: that year is simply absent for the country.
    long = long.loc[long["value"].notna()]
    return long.assign(
        indicator_code="desa_female_migrants_pct",
        year=long["column"].map(years),
        value_flag=None,
        upper_bound=None,
        months_covered=None,
        source_file=file,
    )
