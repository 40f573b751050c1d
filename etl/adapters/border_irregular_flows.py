"""Irregular flows, encounters and returns on the routes through Panama, Honduras, Mexico and the US border.

Ten tables of the IOM GDI `gdidata` R package, exported to CSV: Darién transits (Panama SNM),
Mexico irregular events and returns (UPM), Honduras irregular arrivals (INM), Guatemalans returned
from Mexico and the US (IGM), and US Southwest border encounters (CBP). Dates `t` are ISO
first-of-month; the Darién file holds annual totals on 1 January for 2010-2019 and months after.

`gdidata_countrynames.csv` in the same folder is the package's country lookup table, not data: it
is not read. Two of its non-ISO codes occur in the data and are handled here: OOO ("Unknown", used
for CBP's and the INM's "other" nationalities) is recoded to the dashboard's pseudo-code UNK, and
TIB (Tibet) is kept as a nationality that is no country of the dashboard.

Outputs: `flows` by nationality and month (or year), `values` as calendar-year sums (by
nationality for countries in scope, and totals at the reporting country), `breakdowns` by
demographic group, sex and age, or CBP category.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from etl.countries import iso3_codes, pseudo_codes, scope_codes
from etl.ledger import Ledger
from etl.readers import parse_dates, parse_numbers, quarantine_conflicts, read_source
from etl.schema import conform, empty
from etl.sqlrows import SqlRows

SOURCE = "border-irregular-flows"
TITLE = "Irregular migration flows, encounters and returns (Darién, Honduras, Mexico, Guatemala, US SW border)"
LICENCE = "Government statistics (public); compiled in IOM GDI gdidata (MIT)"

DARIEN_NAT = "gdidata_irreg_darien_nat.csv"
DARIEN_DMG = "gdidata_irreg_darien_dmg.csv"
MEXICO_EXP = "gdidata_irreg_mexico_exp.csv"
MEXICO_NAT = "gdidata_irreg_mexico_nat.csv"
MEXICO_DMG = "gdidata_irreg_mexico_dmg.csv"
GUATEMALA = "gdidata_irreg_guatemala.csv"
HONDURAS = "gdidata_irreg_honduras.csv"
HONDURAS_NAT = "gdidata_irreg_honduras_nat.csv"
HONDURAS_DMG = "gdidata_irreg_honduras_dmg.csv"
USA = "gdidata_irreg_usa.csv"
FILES = [
    DARIEN_NAT,
    DARIEN_DMG,
    MEXICO_EXP,
    MEXICO_NAT,
    MEXICO_DMG,
    GUATEMALA,
    HONDURAS,
    HONDURAS_NAT,
    HONDURAS_DMG,
    USA,
]

FIRST_YEAR = 2000
# Panama published only yearly Darién totals before 2020; gdidata stores them on 1 January.
DARIEN_LAST_ANNUAL_YEAR = 2019
# gdidata's own codes for "Unknown" and Tibet; neither is ISO 3166.
NAT_RECODE = {"OOO": "UNK"}
NAT_EXTRA = frozenset({"TIB"})

MEX_RETURN_FLOWS = {
    "deportation": "mex_deportations",
    "assisted return": "mex_assisted_returns",
    "assisted return of children": "mex_assisted_returns",
}
# Darién and Honduras label four groups; sex and age make them comparable with the other files.
DEMOG_SEX_AGE = {
    "men": ("male", "adult"),
    "women": ("female", "adult"),
    "boys": ("male", "child"),
    "girls": ("female", "child"),
}
MEX_SEXES = frozenset({"male", "female"})
MEX_AGES = frozenset({"18+", "12-17", "under 12, accompanied", "under 12, unaccompanied"})
GTM_SEXES = frozenset({"male", "female"})
GTM_AGES = frozenset({"adult", "accompanied child", "unaccompanied child"})
GTM_ORIGINS = {"MEX": "gtm_returnees_from_mex", "USA": "gtm_returnees_from_usa"}
USA_DIMENSIONS = ["component", "authority", "type", "demog"]


def _flag(reason: pd.Series, cond: pd.Series, text: str) -> pd.Series:
    """Set `text` where `cond` holds and no earlier check already gave a reason."""
    return reason.mask(reason.isna() & cond.fillna(True).astype(bool), text)


def _read(folder: Path, file: str, required: list[str], ledger: Ledger) -> pd.DataFrame:
    """Read one file, count its rows and drop exact duplicates (counted as such)."""
    return read_source(folder / file, required, ledger, SOURCE)


def _dates(texts: pd.Series) -> pd.DataFrame:
    """Each date as `period`, and whether it is the first of a month and in a possible year."""
    period = parse_dates(texts)
    year = period.dt.year
    return pd.DataFrame(
        {
            "period": period,
            "first_of_month": period.dt.day == 1,
            "year_ok": ~((year < FIRST_YEAR) | (year > date.today().year)),
        }
    )


def _nationalities(texts: pd.Series) -> pd.DataFrame:
    """Each nationality as `nat_code` (upper case, gdidata's OOO as UNK; blank stays "") and
    `nat_known`: a country, pseudo-code, Tibet or blank (a blank may or may not be allowed)."""
    code = texts.str.upper().replace(NAT_RECODE)
    known = code.isin(iso3_codes() | pseudo_codes() | NAT_EXTRA) | (code == "")
    return pd.DataFrame({"nat_code": code, "nat_known": known})


def _check(raw: pd.DataFrame, nat: str | None = None, blank_nat_ok: bool = False):
    """Reasons per row for a bad date, count or nationality; also the parsed period, count and code.

    `_sql_checks` states the same checks for the files checked in DuckDB.
    """
    reason = pd.Series(None, index=raw.index, dtype=object)
    dates = _dates(raw["t"])
    period = dates["period"]
    reason = _flag(reason, period.isna(), "invalid date (expected YYYY-MM-01)")
    reason = _flag(reason, ~dates["first_of_month"], "date not the first of a month")
    reason = _flag(reason, ~dates["year_ok"], "impossible year")
    num = parse_numbers(raw["n"])
    reason = _flag(reason, num["status"] == "missing", "missing count")
    reason = _flag(reason, num["status"] != "ok", "non-numeric count")
    reason = _flag(reason, num["value"] < 0, "negative count")
    reason = _flag(reason, num["value"] % 1 != 0, "non-integer count")
    code = None
    if nat is not None:
        nats = _nationalities(raw[nat])
        code = nats["nat_code"]
        if not blank_nat_ok:
            reason = _flag(reason, code == "", "missing nationality code")
        reason = _flag(reason, ~nats["nat_known"], "unknown nationality code")
    return reason, period, num["value"], code


def _sql_checks(rows: SqlRows, nat: str, blank_nat_ok: bool = False) -> list[tuple[str, str]]:
    """`_check` for a file in DuckDB: looks up `period`, `n_value` and `nat_code` (with the columns
    the rules use) and returns the rules in `_check`'s order, where the first that holds also wins."""
    rows.lookup("t", _dates)
    rows.lookup("n", lambda t: parse_numbers(t).add_prefix("n_"))
    rows.lookup(nat, _nationalities)
    rules = [
        ("period IS NULL", "invalid date (expected YYYY-MM-01)"),
        ("NOT first_of_month", "date not the first of a month"),
        ("NOT year_ok", "impossible year"),
        ("n_status = 'missing'", "missing count"),
        ("n_status <> 'ok'", "non-numeric count"),
        ("n_value < 0", "negative count"),
        ("n_value % 1 <> 0", "non-integer count"),
    ]
    if not blank_nat_ok:
        rules.append(("nat_code = ''", "missing nationality code"))
    return rules + [("NOT nat_known", "unknown nationality code")]


def _quarantine(raw: pd.DataFrame, reason: pd.Series, file: str, key: list[str], ledger: Ledger) -> pd.DataFrame:
    """Quarantine rows with a reason, then conflicting duplicates among the rest; count the rest as loaded."""
    bad = reason.notna()
    ledger.quarantine(SOURCE, file, raw.loc[bad], reason[bad], key_columns=key)
    good = quarantine_conflicts(raw.loc[~bad], key, ledger, SOURCE, file)
    ledger.loaded(SOURCE, file, len(good))
    return good


def _months(period: pd.Series, kind: pd.Series | None = None) -> pd.Series:
    """Months a file covers per calendar year (what a yearly sum rests on); NA for annual-only years.

    Counted over the whole file, not per nationality: a nationality absent in a reported month had
    no crossings that month, so its year is no less complete than the file's.
    """
    months = period.groupby(period.dt.year).nunique().astype("Int64")
    if kind is not None:
        annual = kind.eq("year").groupby(period.dt.year).any()
        months = months.mask(annual.reindex(months.index, fill_value=False))
    return months


def _values(frame: pd.DataFrame, months: pd.Series, file: str) -> pd.DataFrame:
    """Calendar-year sums of (country_iso3, indicator_code, period_start, value) rows."""
    year = frame["period_start"].dt.year.rename("year")
    out = frame.groupby([frame["country_iso3"], frame["indicator_code"], year])["value"].sum().reset_index()
    return out.assign(
        value_flag=None,
        upper_bound=np.nan,
        months_covered=out["year"].map(months).astype("Int64"),
        source_file=file,
    )


def _breakdowns(frame: pd.DataFrame, months: pd.Series, file: str) -> pd.DataFrame:
    """Calendar-year sums of breakdown rows (country, indicator, dimension, category, sex, age)."""
    keys = ["country_iso3", "indicator_code", "dimension", "category", "sex", "age"]
    year = frame["period_start"].dt.year.rename("year")
    # sex/age are None for some dimensions: group on text so those rows are not dropped.
    grouped = frame.assign(**{k: frame[k].fillna("") for k in keys}, year=year)
    out = grouped.groupby(keys + ["year"])["value"].sum().reset_index()
    out[["sex", "age"]] = out[["sex", "age"]].replace("", None)
    return out.assign(
        value_flag=None,
        upper_bound=np.nan,
        months_covered=out["year"].map(months).astype("Int64"),
        source_file=file,
    )


def _flows(frame: pd.DataFrame, flow_code: pd.Series | str, reporting: str, file: str) -> pd.DataFrame:
    """Sum rows to one flow per (flow_code, nationality, period); blank nationality becomes None."""
    rows = pd.DataFrame(
        {
            "flow_code": flow_code,
            "nationality_code": frame["nationality_code"],
            "period_start": frame["period_start"],
            "period_kind": frame["period_kind"],
            "value": frame["value"],
        },
        index=frame.index,
    )
    out = rows.groupby(["flow_code", "nationality_code", "period_start", "period_kind"])["value"].sum().reset_index()
    out["nationality_code"] = out["nationality_code"].replace("", None)
    return out.assign(reporting_iso3=reporting, source_file=file)


def _nationality_values(flows: pd.DataFrame, months: pd.Series, file: str) -> pd.DataFrame:
    """Yearly values by nationality (country = nationality) for the nationalities in scope."""
    in_scope = flows[flows["nationality_code"].isin(scope_codes())]
    return _values(
        in_scope.rename(columns={"nationality_code": "country_iso3", "flow_code": "indicator_code"}),
        months,
        file,
    )


def _total_values(flows: pd.DataFrame, indicator: str, country: str, months: pd.Series, file: str) -> pd.DataFrame:
    """Yearly totals of all flows (every nationality, known or not) at the reporting country."""
    frame = flows.assign(country_iso3=country, indicator_code=indicator)
    return _values(frame, months, file)


def _nat_file(folder: Path, file: str, ledger: Ledger, flow_code: str, reporting: str, annual_until: int | None = None):
    """Read a (t, nat, n) file into its flows, by-nationality values and total; returns (flows, months)."""
    raw = _read(folder, file, ["t", "nat", "n"], ledger)
    reason, period, value, code = _check(raw, "nat")
    kind = pd.Series("month", index=raw.index, dtype=object)
    if annual_until is not None:
        kind = kind.mask(period.dt.year <= annual_until, "year")
        reason = _flag(reason, (kind == "year") & (period.dt.month != 1), "non-January date in the annual-only years")
    good = _quarantine(raw, reason, file, ["t", "nat"], ledger)
    frame = pd.DataFrame(
        {
            "nationality_code": code[good.index],
            "period_start": period[good.index],
            "period_kind": kind[good.index],
            "value": value[good.index],
        }
    )
    return _flows(frame, flow_code, reporting, file), _months(frame["period_start"], frame["period_kind"])


def _demographic_file(folder: Path, file: str, ledger: Ledger, indicator: str, country: str) -> pd.DataFrame:
    """Darién and Honduras men/women/boys/girls files as breakdowns of the reporting country's total."""
    raw = _read(folder, file, ["t", "demog", "n"], ledger)
    reason, period, value, _ = _check(raw)
    reason = _flag(reason, ~raw["demog"].isin(DEMOG_SEX_AGE.keys()), "unknown demographic group")
    good = _quarantine(raw, reason, file, ["t", "demog"], ledger)
    sex_age = good["demog"].map(DEMOG_SEX_AGE)
    frame = pd.DataFrame(
        {
            "country_iso3": country,
            "indicator_code": indicator,
            "dimension": "demographic",
            "category": good["demog"],
            "sex": sex_age.str[0],
            "age": sex_age.str[1],
            "period_start": period[good.index],
            "value": value[good.index],
        }
    )
    return _breakdowns(frame, _months(frame["period_start"]), file)


def _mexico_exp(folder: Path, ledger: Ledger):
    """Mexico deportations and assisted returns by nationality: flows, values and the assisted share."""
    file = MEXICO_EXP
    raw = _read(folder, file, ["t", "nat", "type", "n"], ledger)
    reason, period, value, code = _check(raw, "nat")
    reason = _flag(reason, ~raw["type"].isin(MEX_RETURN_FLOWS.keys()), "unknown return type")
    good = _quarantine(raw, reason, file, ["t", "nat", "type"], ledger)
    frame = pd.DataFrame(
        {
            "nationality_code": code[good.index],
            "period_start": period[good.index],
            "period_kind": "month",
            "value": value[good.index],
        }
    )
    flows = _flows(frame, good["type"].map(MEX_RETURN_FLOWS), "MEX", file)
    months = _months(frame["period_start"])
    values = _nationality_values(flows, months, file)
    # Share of assisted returns among all returns, by nationality and year.
    wide = values.pivot_table(
        index=["country_iso3", "year"], columns="indicator_code", values="value", aggfunc="sum", fill_value=0.0
    ).reindex(columns=["mex_deportations", "mex_assisted_returns"], fill_value=0.0)
    denom = wide["mex_deportations"] + wide["mex_assisted_returns"]
    share = (wide["mex_assisted_returns"] / denom * 100)[denom > 0].rename("value").reset_index()
    share = share.assign(
        indicator_code="mex_assisted_return_share",
        value_flag=None,
        upper_bound=np.nan,
        months_covered=share["year"].map(months).astype("Int64"),
        source_file=file,
    )
    return flows, [values, share]


def _mexico_dmg(folder: Path, ledger: Ledger) -> pd.DataFrame:
    """Mexico irregular events by sex and age, as breakdowns of mex_irregular_events_total."""
    file = MEXICO_DMG
    raw = _read(folder, file, ["t", "sex", "age", "n"], ledger)
    reason, period, value, _ = _check(raw)
    reason = _flag(reason, ~raw["sex"].isin(MEX_SEXES) | ~raw["age"].isin(MEX_AGES), "unknown sex or age label")
    good = _quarantine(raw, reason, file, ["t", "sex", "age"], ledger)
    frame = pd.DataFrame(
        {
            "country_iso3": "MEX",
            "indicator_code": "mex_irregular_events_total",
            "dimension": "sex_age",
            "category": good["sex"] + " " + good["age"],
            "sex": good["sex"],
            "age": good["age"],
            "period_start": period[good.index],
            "value": value[good.index],
        }
    )
    return _breakdowns(frame, _months(frame["period_start"]), file)


def _guatemala(folder: Path, ledger: Ledger):
    """Guatemalans returned from Mexico and the US: yearly totals by origin and sex/age breakdowns."""
    file = GUATEMALA
    raw = _read(folder, file, ["t", "sex", "age", "origin", "n"], ledger)
    reason, period, value, _ = _check(raw)
    # From 2024 gdidata leaves origin blank on some rows; guessing MEX or USA would invent the split.
    reason = _flag(reason, raw["origin"] == "", "blank return origin: cannot attribute to MEX or USA")
    reason = _flag(reason, ~raw["origin"].isin(GTM_ORIGINS.keys()), "unknown return origin")
    reason = _flag(reason, ~raw["sex"].isin(GTM_SEXES) | ~raw["age"].isin(GTM_AGES), "unknown sex or age label")
    good = _quarantine(raw, reason, file, ["t", "sex", "age", "origin"], ledger)
    frame = pd.DataFrame(
        {
            "country_iso3": "GTM",
            "indicator_code": good["origin"].map(GTM_ORIGINS),
            "dimension": "sex_age",
            "category": good["sex"] + " " + good["age"],
            "sex": good["sex"],
            "age": good["age"],
            "period_start": period[good.index],
            "value": value[good.index],
        }
    )
    # Each origin has its own coverage (returns from the US stop in Dec 2023).
    values, breakdowns = [], []
    for _, part in frame.groupby("indicator_code"):
        months = _months(part["period_start"])
        values.append(_values(part, months, file))
        breakdowns.append(_breakdowns(part, months, file))
    return values, breakdowns


def _honduras_total(folder: Path, ledger: Ledger) -> pd.DataFrame:
    """Honduras irregular arrivals, all nationalities, from the INM monthly total."""
    file = HONDURAS
    raw = _read(folder, file, ["t", "n"], ledger)
    reason, period, value, _ = _check(raw)
    good = _quarantine(raw, reason, file, ["t"], ledger)
    frame = pd.DataFrame(
        {
            "country_iso3": "HND",
            "indicator_code": "hnd_irregular_arrivals_total",
            "period_start": period[good.index],
            "value": value[good.index],
        }
    )
    return _values(frame, _months(frame["period_start"]), file)


def _usa(folder: Path, ledger: Ledger):
    """US SW border encounters: flows by nationality, yearly values and breakdowns by CBP category."""
    file = USA
    cols = ["t", "component", "area", "authority", "type", "demog", "nat", "n"]
    with SqlRows.read(folder / file, cols, ledger, SOURCE) as rows:
        key = [c for c in rows.raw_columns if c not in ("n", "t_fy")]
        # Blank nat is CBP's format before Oct 2019 (totals without nationality): they count in the total.
        rows.check(_sql_checks(rows, "nat", blank_nat_ok=True), key=key)
        rows.conflicts(key)
        # Monthly sums first, by nationality and by each category, in DuckDB: the flows and yearly
        # sums below are then taken over thousands of rows instead of millions.
        period = "period AS period_start"
        by_nat = rows.sums("n_value", ["nat_code AS nationality_code", period])
        by_dim = {dim: rows.sums("n_value", [f'{rows.col(dim)} AS "{dim}"', period]) for dim in USA_DIMENSIONS}
        rows.loaded()
    flows = _flows(by_nat.assign(period_kind="month"), "usa_sw_encounters", "USA", file)
    months = _months(by_nat["period_start"])
    # Nationality is only given from Oct 2019: by-nationality sums rest on those months alone.
    nat_months = _months(by_nat.loc[by_nat["nationality_code"] != "", "period_start"])
    values = [
        _nationality_values(flows, nat_months, file),
        _total_values(flows, "usa_sw_encounters_total", "USA", months, file),
    ]
    parts = []
    for dim in USA_DIMENSIONS:
        monthly = by_dim[dim]
        # A blank category still counts in the total; it just has no place in this breakdown.
        monthly = monthly[monthly[dim] != ""].rename(columns={dim: "category"})
        parts.append(
            monthly.assign(
                country_iso3="USA", indicator_code="usa_sw_encounters_total", dimension=dim, sex=None, age=None
            )
        )
    breakdowns = _breakdowns(pd.concat(parts, ignore_index=True), months, file)
    return flows, values, breakdowns


def run(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    """All ten files as flows, yearly values and breakdowns."""
    flows, values, breakdowns = [], [], []

    darien, months = _nat_file(folder, DARIEN_NAT, ledger, "darien_transits", "PAN", DARIEN_LAST_ANNUAL_YEAR)
    flows.append(darien)
    values += [
        _nationality_values(darien, months, DARIEN_NAT),
        _total_values(darien, "darien_transits_total", "PAN", months, DARIEN_NAT),
    ]
    breakdowns.append(_demographic_file(folder, DARIEN_DMG, ledger, "darien_transits_total", "PAN"))

    mex_flows, mex_values = _mexico_exp(folder, ledger)
    flows.append(mex_flows)
    values += mex_values

    mex, months = _nat_file(folder, MEXICO_NAT, ledger, "mex_irregular_events", "MEX")
    flows.append(mex)
    values += [
        _nationality_values(mex, months, MEXICO_NAT),
        _total_values(mex, "mex_irregular_events_total", "MEX", months, MEXICO_NAT),
    ]
    breakdowns.append(_mexico_dmg(folder, ledger))

    gtm_values, gtm_breakdowns = _guatemala(folder, ledger)
    values += gtm_values
    breakdowns += gtm_breakdowns

    values.append(_honduras_total(folder, ledger))
    hnd, months = _nat_file(folder, HONDURAS_NAT, ledger, "hnd_irregular_arrivals", "HND")
    flows.append(hnd)
    values.append(_nationality_values(hnd, months, HONDURAS_NAT))
    breakdowns.append(_demographic_file(folder, HONDURAS_DMG, ledger, "hnd_irregular_arrivals_total", "HND"))

    usa_flows, usa_values, usa_breakdowns = _usa(folder, ledger)
    flows.append(usa_flows)
    values += usa_values
    breakdowns.append(usa_breakdowns)

    return {
        "flows": _concat("flows", flows),
        "values": _concat("values", values),
        "breakdowns": _concat("breakdowns", breakdowns),
    }


def _concat(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Conform and stack the non-empty frames of one staged table."""
    frames = [conform(name, f) for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else empty(name)
