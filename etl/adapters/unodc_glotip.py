"""UNODC Global Report on Trafficking in Persons (GLOTIP) data, LAC extract (CSV of the portal xlsx).

Two files: `glotip_lac.csv` (what LAC countries report: totals go to `values`, every sub-row
by sex, age, form of exploitation, citizenship or repatriation goes to `breakdowns`), and
`glotip_lac_citizens_detected_outside_lac.csv` (what non-LAC countries report about citizens
of LAC countries: summed per citizenship country into `glotip_nationals_abroad`).

`txtVALUE` is text: `<5` is a suppressed (censored) count and stays NaN with upper bound 5.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.countries import iso3_codes, lac33_codes, name_to_iso3, pseudo_codes, scope_codes
from etl.ledger import OUTSIDE_COUNTRY, Ledger
from etl.readers import parse_numbers, parse_years
from etl.schema import conform
from etl.sqlrows import SqlRows

SOURCE = "unodc-glotip"
TITLE = "UNODC Global Report on Trafficking in Persons (GLOTIP) data portal, Latin America and the Caribbean"
LICENCE = "UNODC data portal terms of use (cite UNODC GLOTIP)"
LAC_FILE = "glotip_lac.csv"
ABROAD_FILE = "glotip_lac_citizens_detected_outside_lac.csv"
# Sound rows about countries the dashboard does not cover: counted per reason, not quarantined.
OUTSIDE_CITIZENSHIP = "citizenship country outside the dashboard's scope"
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
# A loaded row's figure (SQL over the looked-up columns): a suppressed count (`<5`) stays NaN
# with its upper bound.
MEASURED = [
    "indicator_code",
    "year",
    "n_value AS value",
    "CASE WHEN n_status = 'suppressed' THEN 'suppressed' END AS value_flag",
    "CASE WHEN n_status = 'suppressed' THEN n_upper END AS upper_bound",
]


def _value_checks(rows: SqlRows) -> list[tuple[str, str]]:
    """Look up indicator, year, count and unit (either file) and give the checks both files share."""
    rows.lookup("Indicator", lambda t: pd.DataFrame({"indicator_code": t.map(INDICATORS)}))
    rows.lookup("Year", lambda t: pd.DataFrame({"year": parse_years(t, FIRST_YEAR)}))
    rows.lookup("txtVALUE", lambda t: parse_numbers(t).add_prefix("n_"))
    rules = [
        ("indicator_code IS NULL", "unknown indicator"),
        ("year IS NULL", "impossible or non-numeric year"),
        ("n_status = 'invalid'", "non-numeric value"),
        ("n_status = 'missing'", "missing value"),
        ("n_status = 'ok' AND n_value < 0", "negative count"),
    ]
    if "Unit of measurement" in rows.raw_columns:
        # Every GLOTIP figure is a count; anything else would need its own indicator.
        rows.lookup("Unit of measurement", lambda t: pd.DataFrame({"unit_ok": t.isin(["Counts", ""])}))
        rules.append(("NOT unit_ok", "unit of measurement is not Counts"))
    return rules


def _read(folder: Path, file: str, ledger: Ledger) -> SqlRows:
    """Read one file, count its rows and set exact duplicates aside."""
    return SqlRows.read(folder / file, REQUIRED, ledger, SOURCE)


def _lac(folder: Path, ledger: Ledger) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Totals (values) and sub-rows (breakdowns) reported by LAC countries."""
    file = LAC_FILE
    with _read(folder, file, ledger) as rows:
        # Codes as written: a lower-case "arg" is not a code GLOTIP uses.
        rows.lookup("Iso3_code", lambda t: pd.DataFrame(
            {"pseudo": t.isin(pseudo_codes()), "known": t.isin(iso3_codes()), "in_scope": t.isin(scope_codes())}
        ))
        rows.lookup("Dimension", lambda t: pd.DataFrame({"dimension_ok": t.isin(LAC_DIMENSIONS)}))
        value_checks = _value_checks(rows)
        # The first rule that holds gives the reason: the most basic problem is the one reported.
        rows.check(
            [
                ("pseudo", "pseudo-code: no country to attribute to"),
                ("NOT known", "unknown country code"),
                ("NOT in_scope", OUTSIDE_COUNTRY),
                *value_checks,
                ("NOT dimension_ok", "unknown dimension"),
                # A sub-total nobody can label (9 rows in the 2023 file) cannot be shown next to the others.
                (f"{rows.col('Category')} = ''", "breakdown row without a category"),
            ],
            key=KEY,
            outside_scope=[OUTSIDE_COUNTRY],
        )
        rows.conflicts(KEY)
        columns = {
            "Iso3_code": "country_iso3", "Dimension": "dimension", "Category": "category", "Sex": "sex", "Age": "age"
        }
        good = rows.fetch([f"{rows.col(c)} AS {name}" for c, name in columns.items()] + MEASURED)
    good = good.assign(months_covered=None, source_file=file)
    # The overall figure is the row that is "Total" on every disaggregation.
    is_total = (
        (good["dimension"] == TOTAL) & (good["category"] == TOTAL) & (good["sex"] == TOTAL) & (good["age"] == TOTAL)
    )
    return good.loc[is_total], good.loc[~is_total]


def _abroad(folder: Path, ledger: Ledger) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Citizens of LAC countries detected by non-LAC countries, summed per citizenship country."""
    file = ABROAD_FILE
    with _read(folder, file, ledger) as rows:
        reporter, category = rows.col("Iso3_code"), rows.col("Category")
        rows.lookup("Iso3_code", lambda t: pd.DataFrame({"pseudo": t.isin(pseudo_codes()), "lac": t.isin(lac33_codes())}))
        rows.lookup("Category", lambda t: pd.DataFrame({"citizenship": t.map(name_to_iso3)}).assign(
            citizenship_in_scope=lambda d: d["citizenship"].isin(scope_codes())
        ))
        rows.lookup("Dimension", lambda t: pd.DataFrame({"dimension_ok": t.isin(ABROAD_DIMENSIONS)}))
        value_checks = _value_checks(rows)
        rows.check(
            [
                (f"{reporter} = ''", "missing reporting country"),
                ("pseudo", "pseudo-code: no reporting country to attribute to"),
                ("lac", "reporting country is in LAC, not abroad"),
                (f"{category} = ''", "missing citizenship country"),
                ("citizenship IS NULL", "unknown citizenship country name"),
                ("NOT citizenship_in_scope", OUTSIDE_CITIZENSHIP),
                *value_checks,
                ("NOT dimension_ok", "unknown dimension"),
            ],
            key=KEY,
            outside_scope=[OUTSIDE_CITIZENSHIP],
        )
        # Two spellings of one country ("Bolivia", "Bolivia (Plurinational State of)") from the same
        # reporter and year would be summed twice: compare on the resolved code, not the name.
        rows.key_column("_citizenship", "citizenship")
        rows.conflicts(["Iso3_code", "Indicator", "Dimension", "_citizenship", "Sex", "Age", "Year"])
        columns = {"Iso3_code": "reporter", "Dimension": "dimension", "Sex": "sex", "Age": "age"}
        good = rows.fetch(
            [f"{rows.col(c)} AS {name}" for c, name in columns.items()] + ["citizenship AS country_iso3"] + MEASURED
        )
    good = good.assign(months_covered=None, source_file=file)
    victims = good["indicator_code"] == INDICATORS["Detected trafficking victims"]

    # Breakdowns: every row, by the country that reported it. Victims form the nationals-abroad
    # series; other measures (persons convicted by citizenship) keep their own indicator code.
    breakdowns = good.assign(
        indicator_code=good["indicator_code"].where(~victims, NATIONALS_ABROAD),
        dimension=good["dimension"] + ", by reporting country",
        category=good["reporter"],
    )

    # Values: victims by citizenship, sex and age Total, summed over reporting countries. Rows by
    # country of repatriation count the same people again, so they stay out of the sum.
    parts = good.loc[
        victims & (good["dimension"] == "by citizenship") & (good["sex"] == TOTAL) & (good["age"] == TOTAL)
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
