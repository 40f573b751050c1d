"""UNODC Global Report on Trafficking in Persons (GLOTIP) data, LAC extract (CSV of the portal xlsx).

Two files: `glotip_lac.csv` (what LAC countries report: totals go to `values`, every sub-row
by sex, age, form of exploitation, citizenship or repatriation goes to `breakdowns`), and
`glotip_lac_citizens_detected_outside_lac.csv` (what non-LAC countries report about citizens
of LAC countries: summed per citizenship country into `glotip_nationals_abroad`).

`txtVALUE` is text: `<5` is a suppressed (censored) count and stays NaN with upper bound 5.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from etl.countries import iso3_codes, lac33_codes, name_to_iso3, pseudo_codes, scope_codes
from etl.ledger import Ledger
from etl.readers import parse_numbers, parse_years, quarantine_conflicts, read_source
from etl.schema import conform

SOURCE = "unodc-glotip"
TITLE = "UNODC Global Report on Trafficking in Persons (GLOTIP) data portal, Latin America and the Caribbean"
LICENCE = "UNODC data portal terms of use (cite UNODC GLOTIP)"
LAC_FILE = "glotip_lac.csv"
ABROAD_FILE = "glotip_lac_citizens_detected_outside_lac.csv"
FILES = [LAC_FILE, ABROAD_FILE]

# Unit: persons, except offences (counted as offences).
INDICATORS = {
    "Detected trafficking victims": "glotip_victims",
    "Persons prosecuted": "glotip_prosecuted",
    "Persons convicted": "glotip_convicted",
    "Persons brought into formal contact": "glotip_formal_contact",
    "Offences of trafficking in persons": "glotip_offences",
}
NATIONALS_ABROAD = "glotip_nationals_abroad"
TOTAL = "Total"
LAC_DIMENSIONS = {TOTAL, "by form of exploitation", "by citizenship", "by country of repatriation"}
ABROAD_DIMENSIONS = {"by citizenship", "by country of repatriation"}
# One GLOTIP figure: reporting country, measure, disaggregation and year.
KEY = ["Iso3_code", "Indicator", "Dimension", "Category", "Sex", "Age", "Year"]
REQUIRED = KEY + ["txtVALUE"]
# The Palermo Protocol dates from 2000 and GLOTIP series start in 2003: earlier is a typo.
FIRST_YEAR = 2000


def _first_reason(rules: list[tuple[pd.Series, str]], index: pd.Index) -> pd.Series:
    """Per row, the reason of the first rule whose mask is True (None when no rule matches)."""
    if not rules:
        return pd.Series(None, index=index, dtype=object)
    picked = pd.Series(
        np.select([m.to_numpy(dtype=bool) for m, _ in rules], [r for _, r in rules], default=""),
        index=index,
        dtype=object,
    )
    return picked.where(picked != "", None)


def _value_rules(raw: pd.DataFrame, nums: pd.DataFrame, year: pd.Series) -> list[tuple[pd.Series, str]]:
    """Checks shared by both files: indicator, unit, year and the count itself."""
    rules = [
        (~raw["Indicator"].isin(INDICATORS.keys()), "unknown indicator"),
        (year.isna(), "impossible or non-numeric year"),
        (nums["status"] == "invalid", "non-numeric value"),
        (nums["status"] == "missing", "missing value"),
        ((nums["status"] == "ok") & (nums["value"] < 0), "negative count"),
    ]
    if "Unit of measurement" in raw.columns:
        # Every GLOTIP figure is a count; anything else would need its own indicator.
        rules.append((~raw["Unit of measurement"].isin(["Counts", ""]), "unit of measurement is not Counts"))
    return rules


def _measured(good: pd.DataFrame, nums: pd.DataFrame, year: pd.Series, file: str) -> pd.DataFrame:
    """The loaded rows with indicator code, year, value, censoring flag and upper bound."""
    parsed = nums.loc[good.index]
    suppressed = parsed["status"] == "suppressed"
    return good.assign(
        indicator_code=good["Indicator"].map(INDICATORS),
        year=year.loc[good.index],
        value=parsed["value"],
        value_flag=pd.Series(np.where(suppressed, "suppressed", None), index=good.index, dtype=object),
        upper_bound=parsed["upper"].where(suppressed),
        months_covered=None,
        source_file=file,
    )


def _read(folder: Path, file: str, ledger: Ledger) -> pd.DataFrame:
    """Read one file, count its rows and set exact duplicates aside."""
    return read_source(folder / file, REQUIRED, ledger, SOURCE)


def _lac(folder: Path, ledger: Ledger) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Totals (values) and sub-rows (breakdowns) reported by LAC countries."""
    file = LAC_FILE
    raw = _read(folder, file, ledger)
    nums = parse_numbers(raw["txtVALUE"])
    year = parse_years(raw["Year"], FIRST_YEAR)
    code = raw["Iso3_code"]
    dim = raw["Dimension"]
    rules = [
        (code.isin(pseudo_codes()), "pseudo-code: no country to attribute to"),
        (~code.isin(iso3_codes()), "unknown country code"),
        (~code.isin(scope_codes()), "country outside the dashboard's scope"),
        *_value_rules(raw, nums, year),
        (~dim.isin(LAC_DIMENSIONS), "unknown dimension"),
        # A sub-total nobody can label (9 rows in the 2023 file) cannot be shown next to the others.
        (raw["Category"] == "", "breakdown row without a category"),
    ]
    reason = _first_reason(rules, raw.index)
    bad = reason.notna()
    ledger.quarantine(SOURCE, file, raw.loc[bad], reason[bad], key_columns=KEY)

    good = quarantine_conflicts(raw.loc[~bad], KEY, ledger, SOURCE, file)
    ledger.loaded(SOURCE, file, len(good))
    rows = _measured(good, nums, year, file).rename(
        columns={"Iso3_code": "country_iso3", "Dimension": "dimension", "Category": "category", "Sex": "sex", "Age": "age"}
    )
    # The overall figure is the row that is "Total" on every disaggregation.
    is_total = (
        (rows["dimension"] == TOTAL) & (rows["category"] == TOTAL) & (rows["sex"] == TOTAL) & (rows["age"] == TOTAL)
    )
    return rows.loc[is_total], rows.loc[~is_total]


def _abroad(folder: Path, ledger: Ledger) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Citizens of LAC countries detected by non-LAC countries, summed per citizenship country."""
    file = ABROAD_FILE
    raw = _read(folder, file, ledger)
    nums = parse_numbers(raw["txtVALUE"])
    year = parse_years(raw["Year"], FIRST_YEAR)
    reporter = raw["Iso3_code"]
    category = raw["Category"]
    # Few distinct names: resolve each once rather than once per row.
    citizenship = category.map({c: name_to_iso3(c) for c in category.unique()})
    rules = [
        (reporter == "", "missing reporting country"),
        (reporter.isin(pseudo_codes()), "pseudo-code: no reporting country to attribute to"),
        (reporter.isin(lac33_codes()), "reporting country is in LAC, not abroad"),
        (category == "", "missing citizenship country"),
        (citizenship.isna(), "unknown citizenship country name"),
        (~citizenship.isin(scope_codes()), "citizenship country outside the dashboard's scope"),
        *_value_rules(raw, nums, year),
        (~raw["Dimension"].isin(ABROAD_DIMENSIONS), "unknown dimension"),
    ]
    reason = _first_reason(rules, raw.index)
    bad = reason.notna()
    ledger.quarantine(SOURCE, file, raw.loc[bad], reason[bad], key_columns=KEY)

    # Two spellings of one country ("Bolivia", "Bolivia (Plurinational State of)") from the same
    # reporter and year would be summed twice: compare on the resolved code, not the name.
    keyed = raw.loc[~bad].assign(_citizenship=citizenship.loc[~bad])
    conflict_key = ["Iso3_code", "Indicator", "Dimension", "_citizenship", "Sex", "Age", "Year"]
    good = quarantine_conflicts(keyed, conflict_key, ledger, SOURCE, file)
    ledger.loaded(SOURCE, file, len(good))
    rows = _measured(good, nums, year, file).assign(country_iso3=good["_citizenship"])
    victims = rows["Indicator"] == "Detected trafficking victims"

    # Breakdowns: every row, by the country that reported it. Victims form the nationals-abroad
    # series; other measures (persons convicted by citizenship) keep their own indicator code.
    breakdowns = rows.assign(
        indicator_code=rows["indicator_code"].where(~victims, NATIONALS_ABROAD),
        dimension=rows["Dimension"] + ", by reporting country",
        category=rows["Iso3_code"],
        sex=rows["Sex"],
        age=rows["Age"],
    )

    # Values: victims by citizenship, sex and age Total, summed over reporting countries. Rows by
    # country of repatriation count the same people again, so they stay out of the sum.
    parts = rows.loc[
        victims & (rows["Dimension"] == "by citizenship") & (rows["Sex"] == TOTAL) & (rows["Age"] == TOTAL)
    ]
    parts = parts.assign(suppressed=parts["value_flag"] == "suppressed")
    sums = (
        parts.groupby(["country_iso3", "year"], as_index=False)
        .agg(
            known=("value", "sum"),
            n_parts=("value", "size"),
            n_suppressed=("suppressed", "sum"),
            upper_sum=("upper_bound", "sum"),
        )
    )
    all_suppressed = sums["n_suppressed"] == sums["n_parts"]
    some_suppressed = (sums["n_suppressed"] > 0) & ~all_suppressed
    flag = pd.Series(None, index=sums.index, dtype=object)
    flag[some_suppressed] = "lower_bound"
    flag[all_suppressed] = "suppressed"
    values = sums.assign(
        indicator_code=NATIONALS_ABROAD,
        # Known parts are a floor when some parts are `<5`; with every part `<5` only a ceiling is known.
        value=sums["known"].where(~all_suppressed),
        value_flag=flag,
        upper_bound=sums["upper_sum"].where(all_suppressed),
        months_covered=None,
        source_file=file,
    )
    return values, breakdowns


def run(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    """GLOTIP totals and nationals abroad as `values`, every sub-total as `breakdowns`."""
    lac_values, lac_breakdowns = _lac(folder, ledger)
    abroad_values, abroad_breakdowns = _abroad(folder, ledger)
    values = pd.concat([conform("values", lac_values), conform("values", abroad_values)], ignore_index=True)
    breakdowns = pd.concat(
        [conform("breakdowns", lac_breakdowns), conform("breakdowns", abroad_breakdowns)], ignore_index=True
    )
    return {"values": conform("values", values), "breakdowns": conform("breakdowns", breakdowns)}
