"""World Bank country-year indicators: WDI series, WGI political stability, UN WPP and WB population.

Two files are read:
* `gdidata_wdi_lac.csv` (IOM GDI gdidata): long format geo, var, t, v; `var` is gdidata's short name
  for a WDI series (plus WGI political stability and UN WPP 2024 population, which is not SP.POP.TOTL).
* `datasets_population_lac.csv` (datahub.io): World Bank SP.POP.TOTL, the denominator of every rate
  per 100,000 population on the dashboard.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.countries import iso3_codes, scope_codes
from etl.ledger import OUTSIDE_COUNTRY, Ledger
from etl.readers import parse_numbers, parse_years, quarantine_conflicts, read_source
from etl.schema import conform

SOURCE = "world-bank-wdi"
TITLE = "World Bank World Development Indicators, WGI and UN WPP population (via IOM GDI gdidata; datahub.io)"
LICENCE = "CC BY 4.0 (World Bank WDI); population file ODC-PDDL-1.0"
WDI = "gdidata_wdi_lac.csv"
POPULATION = "datasets_population_lac.csv"
FILES = [WDI, POPULATION]

VARIABLES = {
    "nmig": "wdi_net_migration",  # SM.POP.NETM, persons
    "remin": "wdi_remittances_in_usd",  # BX.TRF.PWKR.CD.DT, current US$
    "remout": "wdi_remittances_out_usd",  # BM.TRF.PWKR.CD.DT, current US$
    "gdp": "wdi_gdp_usd",  # NY.GDP.MKTP.CD, current US$
    "income": "wdi_gdp_pc_ppp",  # NY.GDP.PCAP.PP.KD, constant international $
    "fdiin": "wdi_fdi_in_usd",  # BX.KLT.DINV.CD.WD, current US$
    "fdiout": "wdi_fdi_out_usd",  # BM.KLT.DINV.CD.WD, current US$
    "inf": "wdi_inflation_pct",  # FP.CPI.TOTL.ZG, % per year
    "unem": "wdi_unemployment_pct",  # SL.UEM.TOTL.ZS, % of labour force
    "birth": "wdi_birth_rate",  # SP.DYN.CBRT.IN, per 1,000 people
    "depend": "wdi_age_dependency_pct",  # SP.POP.DPND, % of working-age population
    "polstb": "wgi_political_stability",  # WGI estimate, about -2.5 to 2.5
    "pop": "wpp_population",  # UN WPP 2024, persons
}
# Net migration, net FDI flows, deflation and the WGI score are negative in real data.
COUNTS = {"pop", "gdp", "remin", "remout", "income"}
RATES = {"unem", "birth", "depend"}
FIRST_YEAR = 1950


def run(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    """One value per country, indicator and year from both files."""
    values = pd.concat([_wdi(folder / WDI, ledger), _population(folder / POPULATION, ledger)], ignore_index=True)
    return {"values": conform("values", values)}


def _reasons(reason: pd.Series, country: pd.Series, year: pd.Series, num: pd.DataFrame) -> pd.Series:
    """Add the shared checks of both files over `reason`; later ones win (the most basic problem shows)."""
    reason = reason.copy()
    reason[num["status"] == "missing"] = "missing value"
    reason[num["status"] == "invalid"] = "non-numeric value"
    # The World Bank publishes no censored cells; `<5` would be a corrupted file.
    reason[num["status"] == "suppressed"] = "suppressed value (<5), not expected in this source"
    reason[year.isna()] = "impossible or non-numeric year"
    reason[~country.isin(list(scope_codes()))] = OUTSIDE_COUNTRY
    # Regions and income groups (LCN, WLD...) carry World Bank codes that are not ISO countries.
    reason[~country.isin(list(iso3_codes()))] = "region aggregate or unknown country code"
    return reason


def _values(frame: pd.DataFrame, country: str, code: pd.Series | str, year: pd.Series, value: pd.Series, file: str):
    """Rows of the values table for the loaded rows of `frame`."""
    return pd.DataFrame(
        {
            "country_iso3": frame[country],
            "indicator_code": code,
            "year": year,
            "value": value,
            "value_flag": None,
            "upper_bound": None,
            "months_covered": None,
            "source_file": file,
        },
        index=frame.index,
    )


def _wdi(path: Path, ledger: Ledger) -> pd.DataFrame:
    """The gdidata long file: `var` mapped to the dashboard's indicator codes."""
    file = path.name
    raw = read_source(path, ["geo", "var", "t", "v"], ledger, SOURCE)

    var = raw["var"].str.lower()
    year = parse_years(raw["t"], FIRST_YEAR)
    num = parse_numbers(raw["v"])
    negative = num["value"] < 0
    reason = pd.Series(None, index=raw.index, dtype=object)
    reason[negative & var.isin(list(COUNTS))] = "negative value for a count"
    reason[negative & var.isin(list(RATES))] = "negative value for a rate"
    reason[~var.isin(list(VARIABLES))] = "unknown variable code"
    reason = _reasons(reason, raw["geo"], year, num)
    bad = reason.notna()
    ledger.quarantine(SOURCE, file, raw.loc[bad], reason[bad], key_columns=["geo", "var", "t"],
                      outside_scope=[OUTSIDE_COUNTRY])

    good = raw.loc[~bad]
    good = quarantine_conflicts(good, ["geo", "var", "t"], ledger, SOURCE, file)
    ledger.loaded(SOURCE, file, len(good))
    idx = good.index
    return _values(good, "geo", var[idx].map(VARIABLES), year[idx], num.loc[idx, "value"], file)


def _population(path: Path, ledger: Ledger) -> pd.DataFrame:
    """World Bank SP.POP.TOTL as wdi_population."""
    file = path.name
    raw = read_source(path, ["Country Code", "Year", "Value"], ledger, SOURCE)

    year = parse_years(raw["Year"], FIRST_YEAR)
    num = parse_numbers(raw["Value"])
    reason = pd.Series(None, index=raw.index, dtype=object)
    reason[num["value"] < 0] = "negative value for a count"
    reason = _reasons(reason, raw["Country Code"], year, num)
    bad = reason.notna()
    ledger.quarantine(SOURCE, file, raw.loc[bad], reason[bad], key_columns=["Country Code", "Year"],
                      outside_scope=[OUTSIDE_COUNTRY])

    good = raw.loc[~bad]
    good = quarantine_conflicts(good, ["Country Code", "Year"], ledger, SOURCE, file)
    ledger.loaded(SOURCE, file, len(good))
    idx = good.index
    return _values(good, "Country Code", "wdi_population", year[idx], num.loc[idx, "value"], file)
