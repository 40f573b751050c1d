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
from etl.ledger import OUTSIDE_COUNTRY, Ledger
from etl.readers import parse_numbers, parse_years
from etl.schema import conform
from etl.sqlrows import SqlRows, codes, count_rules

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
# Sound rows about countries the dashboard does not cover: counted per reason, not quarantined.
OUTSIDE_RETURN = "country of return outside the dashboard's scope"
OUTSIDE_BOTH = "neither country of asylum nor origin in the dashboard's scope"


def run(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    """Hosted, abroad, IDP, return and stateless counts per country and year."""
    file = FILES[0]
    countries = {c for c in iso3_codes() if is_country_code(c)}
    known = countries | pseudo_codes() | set(UNHCR_CODES)
    pseudo = (pseudo_codes() | set(UNHCR_CODES)) - countries
    key = ["geo", "from", "t", "group"]
    with SqlRows.read(folder / file, ["geo", "t", "from", "group", "n"], ledger, SOURCE) as rows:
        # Only LAC33 origins have every country of asylum in the file (its filter), so only their
        # "abroad" and "returned to" totals are complete; USA or CAN origins would count the region only.
        rows.lookup("geo", codes("geo_", known, in_scope=scope_codes()))
        rows.lookup("from", codes("from_", known, lac=lac33_codes(), pseudo=pseudo))
        rows.lookup("group", _groups)
        rows.lookup("t", lambda t: pd.DataFrame({"year": parse_years(t, FIRST_YEAR)}))
        rows.lookup("n", lambda t: parse_numbers(t).add_prefix("n_"))
        # A group is of one kind only (protection, in the country, or returns), so a row feeds no
        # indicator when its kind's side is out of scope: the last four rules. A person in their own
        # country is not in need of *international* protection: these are UNHCR's "others of concern"
        # (e.g. VEN in VEN, 3.2 million in 2022-2023), neither hosted nor abroad.
        # The first rule that holds gives the reason: the row's own defects, then rows that feed no indicator.
        rows.check(
            [
                ("NOT geo_known OR NOT from_known", "unknown country code"),
                ("year IS NULL", "impossible or non-numeric year"),
                ("NOT group_known", "unknown population group"),
                *count_rules(),  # UNHCR shows small counts as 5 in this extract, never as `<5`
                ("group_return AND NOT from_lac AND from_pseudo",
                 "pseudo-code as country of return: no country to attribute to"),
                ("group_return AND NOT from_lac", OUTSIDE_RETURN),
                ("group_in_country AND NOT geo_in_scope", OUTSIDE_COUNTRY),
                ("group_protection AND geo_code = from_code",
                 "origin is the country of asylum: not international protection"),
                ("group_protection AND NOT geo_in_scope AND NOT from_lac", OUTSIDE_BOTH),
            ],
            key=key,
            outside_scope=[OUTSIDE_RETURN, OUTSIDE_COUNTRY, OUTSIDE_BOTH],
        )
        rows.conflicts(key)
        # What is left feeds an indicator; a protection row counts for each side in scope. Summed
        # in DuckDB: the rows left are millions at 100x, the sums thousands.
        hosted, abroad = "group_protection AND geo_in_scope", "group_protection AND from_lac"
        geo, origin, year = "geo_code AS country_iso3", "from_code AS country_iso3", "year AS year"
        own = "group_indicator AS indicator_code"
        frames = [
            rows.sums("n_value", [geo, own, year], where=hosted),
            rows.sums("n_value", [geo, year], where=hosted).assign(indicator_code="unhcr_displaced_hosted"),
            rows.sums("n_value", [origin, year], where=abroad).assign(indicator_code="unhcr_displaced_abroad"),
            rows.sums("n_value", [geo, own, year], where="group_in_country"),
            rows.sums("n_value", [origin, year], where="group_return").assign(indicator_code="unhcr_refugee_returns"),
        ]
        rows.loaded()
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


def _groups(texts: pd.Series) -> pd.DataFrame:
    """Per population group (lower-cased): whether it is known, which side of a row it counts for, and
    its own indicator if it has one."""
    group = texts.str.lower()
    return pd.DataFrame({
        "group_known": group.isin(list(GROUPS)),
        "group_protection": group.isin(list(PROTECTION)),
        "group_in_country": group.isin(list(IN_COUNTRY)),
        "group_return": group == RETURNS,
        "group_indicator": group.map(PROTECTION | IN_COUNTRY),
    })
