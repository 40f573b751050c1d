"""UNHCR forcibly displaced populations (Refugee Data Finder via IOM GDI gdidata), 1990-2024.

One long file: country of asylum `geo`, year `t` (float text such as "2011.0"), origin `from`,
population `group` and count `n`. Stocks are at year end, except 2024, which is mid-year (the data
was downloaded in 2024): its stocks are as of 30 June and its returns cover January-June only.

Which side of a row a figure belongs to depends on the group:
* refugee, asylum, other (other people in need of international protection): hosted by `geo`,
  displaced abroad from `from`;
* idp, idp return, stateless: in `geo` (`from` is the same country, or STL for stateless);
* refugee return: UNHCR records returns under the country of departure, so `geo` is the country
  the refugees left and `from` the country they returned to (e.g. MEX -> GTM in the 1990s).

Pseudo-codes (STL, UNK, OOO "various/unknown", TIB Tibetan) are fine as the other side of a row.
Counts of 1-4 appear as 5 in this extract (5 is by far the most frequent value): small figures are
approximate, and a 5 cannot be told apart from a true 5, so it is loaded as given.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.countries import is_country_code, iso3_codes, lac33_codes, pseudo_codes, scope_codes
from etl.ledger import Ledger
from etl.readers import parse_numbers, parse_years, quarantine_conflicts, read_source
from etl.schema import conform

SOURCE = "unhcr-displacement"
TITLE = "UNHCR Refugee Data Finder, forcibly displaced and stateless populations (via IOM GDI gdidata)"
LICENCE = "CC BY 4.0 (UNHCR Refugee Data Finder)"
FILES = ["gdidata_unhcr_lac.csv"]

# UNHCR codes that name no country, beyond the shared pseudo-code list.
UNHCR_CODES = {"OOO": "various or unknown", "TIB": "Tibetan"}
PROTECTION = {
    "refugee": "unhcr_refugees_hosted",
    "asylum": "unhcr_asylum_hosted",
    "other": "unhcr_other_protection_hosted",
}
IN_COUNTRY = {"idp": "unhcr_idps", "idp return": "unhcr_idp_returns", "stateless": "unhcr_stateless"}
RETURNS = "refugee return"
GROUPS = set(PROTECTION) | set(IN_COUNTRY) | {RETURNS}
# The last year of the download is a mid-year figure: flows in it cover six months.
MID_YEAR = 2024
FLOW_INDICATORS = {"unhcr_refugee_returns", "unhcr_idp_returns"}
FIRST_YEAR = 1950


def run(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    """Hosted, abroad, IDP, return and stateless counts per country and year."""
    file = FILES[0]
    raw = read_source(folder / file, ["geo", "t", "from", "group", "n"], ledger, SOURCE)

    geo = raw["geo"].str.upper()
    origin = raw["from"].str.upper()
    group = raw["group"].str.lower()
    year = parse_years(raw["t"], FIRST_YEAR)
    num = parse_numbers(raw["n"])
    countries = {c for c in iso3_codes() if is_country_code(c)}
    known = list(countries | pseudo_codes() | set(UNHCR_CODES))
    pseudo = list((pseudo_codes() | set(UNHCR_CODES)) - countries)
    geo_in = geo.isin(list(scope_codes()))
    # Only LAC33 origins have every country of asylum in the file (its filter), so only their
    # "abroad" and "returned to" totals are complete; USA or CAN origins would count the region only.
    origin_in = origin.isin(list(lac33_codes()))
    protection = group.isin(list(PROTECTION))
    # A person in their own country is not in need of *international* protection: these are UNHCR's
    # "others of concern" (e.g. VEN in VEN, 3.2 million in 2022-2023), not hosted and not abroad.
    own_country = protection & (geo == origin)
    hosted = protection & geo_in & ~own_country
    abroad = protection & origin_in & ~own_country
    in_country = group.isin(list(IN_COUNTRY)) & geo_in
    returned = (group == RETURNS) & origin_in

    # Rows that feed no indicator, then the row's own defects; later assignments win.
    reason = pd.Series(None, index=raw.index, dtype=object)
    idle = ~(hosted | abroad | in_country | returned)
    reason[idle & protection] = "neither country of asylum nor origin in the dashboard's scope"
    reason[idle & own_country] = "origin is the country of asylum: not international protection"
    reason[idle & group.isin(list(IN_COUNTRY))] = "country outside the dashboard's scope"
    reason[idle & (group == RETURNS)] = "country of return outside the dashboard's scope"
    reason[idle & (group == RETURNS) & origin.isin(pseudo)] = (
        "pseudo-code as country of return: no country to attribute to"
    )
    reason[num["status"] == "missing"] = "missing value"
    reason[num["status"] == "invalid"] = "non-numeric value"
    # UNHCR shows small counts as 5 in this extract; a `<5` marker would be a corrupted file.
    reason[num["status"] == "suppressed"] = "suppressed value (<5), not expected in this source"
    reason[num["value"] < 0] = "negative count"
    reason[~group.isin(list(GROUPS))] = "unknown population group"
    reason[year.isna()] = "impossible or non-numeric year"
    reason[~geo.isin(known) | ~origin.isin(known)] = "unknown country code"
    bad = reason.notna()
    ledger.quarantine(SOURCE, file, raw.loc[bad], reason[bad], key_columns=["geo", "from", "t", "group"])

    good = raw.loc[~bad]
    good = quarantine_conflicts(good, ["geo", "from", "t", "group"], ledger, SOURCE, file)
    ledger.loaded(SOURCE, file, len(good))
    idx = good.index
    rows = pd.DataFrame(
        {"geo": geo[idx], "origin": origin[idx], "group": group[idx], "year": year[idx], "value": num.loc[idx, "value"]}
    )

    def total(mask: pd.Series, country_col: str, code: str | pd.Series) -> pd.DataFrame:
        subset = rows.loc[mask[idx]].assign(indicator_code=code)
        out = subset.groupby([country_col, "indicator_code", "year"], as_index=False)["value"].sum()
        return out.rename(columns={country_col: "country_iso3"})

    frames = [
        total(hosted, "geo", group.map(PROTECTION)),
        total(hosted, "geo", "unhcr_displaced_hosted"),
        total(abroad, "origin", "unhcr_displaced_abroad"),
        total(in_country, "geo", group.map(IN_COUNTRY)),
        total(returned, "origin", "unhcr_refugee_returns"),
    ]
    values = pd.concat(frames, ignore_index=True)
    partial = values["indicator_code"].isin(list(FLOW_INDICATORS)) & (values["year"] == MID_YEAR)
    values = values.assign(
        value_flag=None,
        upper_bound=None,
        # Stocks are counts at a date; returns are flows, and the mid-year release has six months.
        months_covered=pd.Series(6, index=values.index).where(partial),
        source_file=file,
    )
    return {"values": conform("values", values)}
