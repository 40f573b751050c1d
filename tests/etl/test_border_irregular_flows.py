"""Border irregular flows (SQL models) on hand-written fixtures of the ten gdidata files and their quirks.

Quirks covered: BOM + CRLF + padded cells (Darién), annual Darién totals on 1 January before 2020,
exact and conflicting duplicates (summed in Mexico's and Honduras' files by nationality), OOO/TIB/STL nationality codes, blank US nationality before Oct 2019,
blank Guatemalan return origin, non-numeric / negative / fractional / missing counts, bad dates (month 13, mid-month day, 2099).
"""
import json
import shutil
from datetime import date

import pandas as pd
import pytest

from common.countries import iso3_codes, pseudo_codes, scope_codes
from etl.land import run_alone
from tests.etl.harness import source_ledger, sql_source
from common.errors import EtlError
from tests.etl.pandas_oracle import parse_dates, parse_numbers

bif = sql_source("border-irregular-flows")

SRC = bif.SOURCE
CONFLICT = "conflicting duplicate: same key with different values"


@pytest.fixture
def out(fixtures, ledger):
    return bif.run(fixtures / SRC, ledger)


def _values(out):
    return out["values"].set_index(["country_iso3", "indicator_code", "year"])


def test_darien_annual_years_and_monthly_years(out):
    v = _values(out)
    # 2010-2019 are annual totals: months_covered stays empty, not 1
    assert v.loc[("VEN", "darien_transits", 2019), "value"] == 100
    assert pd.isna(v.loc[("VEN", "darien_transits", 2019), "months_covered"])
    # 2023: Jan 1000 + Feb 2000 (its exact duplicate loads once); March has COL only
    assert v.loc[("VEN", "darien_transits", 2023), "value"] == 3000
    assert v.loc[("VEN", "darien_transits", 2023), "months_covered"] == 3
    # Jan-Apr 2025 with data in Jan and Apr: a partial year, visible as 2 months
    assert v.loc[("VEN", "darien_transits", 2025), "value"] == 30
    assert v.loc[("VEN", "darien_transits", 2025), "months_covered"] == 2
    flows = out["flows"]
    kinds = flows[flows["flow_code"] == "darien_transits"].groupby("period_kind").size()
    assert kinds.to_dict() == {"month": 6, "year": 4}


def test_darien_total_counts_unknown_and_non_iso_nationalities(out):
    v = _values(out)
    # 2019: VEN 100 + CUB 50 + OOO 7 (gdidata "Unknown", recoded UNK)
    assert v.loc[("PAN", "darien_transits_total", 2019), "value"] == 157
    # TIB (Tibet) is no ISO country but the people did cross: counted in the total
    assert v.loc[("PAN", "darien_transits_total", 2016), "value"] == 4
    # 2023: VEN 3000 + COL 40 ("COL " and " 40.0 " padded); HTI conflict, bad rows left out
    assert v.loc[("PAN", "darien_transits_total", 2023), "value"] == 3040
    flows = out["flows"]
    codes = set(flows.loc[flows["flow_code"] == "darien_transits", "nationality_code"])
    assert {"UNK", "TIB"} <= codes and "OOO" not in codes
    # no by-nationality value for codes that are not countries in scope
    assert not v.reset_index()["country_iso3"].isin(["UNK", "TIB", "STL", "FRA"]).any()


def test_darien_demographic_breakdown(out):
    b = out["breakdowns"]
    men = b[(b["indicator_code"] == "darien_transits_total") & (b["category"] == "men")].iloc[0]
    assert (men["country_iso3"], men["year"], men["value"]) == ("PAN", 2023, 700)
    assert (men["dimension"], men["sex"], men["age"], men["months_covered"]) == ("demographic", "male", "adult", 2)
    assert "elders" not in set(b["category"])


def test_mexico_returns_and_assisted_share(out):
    v = _values(out)
    # assisted return (80) + assisted return of children (20)
    assert v.loc[("HND", "mex_assisted_returns", 2023), "value"] == 100
    assert v.loc[("HND", "mex_deportations", 2023), "value"] == 25
    assert v.loc[("HND", "mex_assisted_return_share", 2023), "value"] == pytest.approx(80.0)
    # adults and children are each a figure, not only combined
    b = out["breakdowns"]
    hnd = b[(b["indicator_code"] == "mex_assisted_returns") & (b["country_iso3"] == "HND") & (b["year"] == 2023)]
    assert hnd.set_index("category")["value"].to_dict() == {"adults": 80, "children": 20}
    assert v.loc[("GTM", "mex_assisted_return_share", 2023), "value"] == pytest.approx(100.0)
    # CUB: 0 deportations and no assisted return -> no share (denominator 0), but the 0 is kept
    assert v.loc[("CUB", "mex_deportations", 2023), "value"] == 0
    assert ("CUB", "mex_assisted_return_share", 2023) not in v.index
    # FRA is not in scope: in flows, not in values
    flows = out["flows"]
    fra = flows[(flows["flow_code"] == "mex_deportations") & (flows["nationality_code"] == "FRA")]
    assert fra["value"].tolist() == [3]
    assert ("FRA", "mex_deportations", 2023) not in v.index


def test_mexico_irregular_events(out):
    v = _values(out)
    assert v.loc[("VEN", "mex_irregular_events", 2024), "value"] == 1200
    # Every row counts, as in the source's own total: VEN 1200 + STL 2 + FRA 3 + 3 (two names
    # given one code, with the same count) + GIN 8 + 1; only the 1.5 (not a count) is left out
    assert v.loc[("MEX", "mex_irregular_events_total", 2024), "value"] == 1217
    assert ("GIN", "mex_irregular_events", 2024) not in v.index  # not in scope: in flows only
    flows = out["flows"].set_index(["flow_code", "nationality_code", "period_start"])
    feb = pd.Timestamp("2024-02-01")
    assert flows.loc[("mex_irregular_events", "FRA", feb), ["value", "value_flag"]].tolist() == [6, "summed"]
    assert flows.loc[("mex_irregular_events", "GIN", feb), ["value", "value_flag"]].tolist() == [9, "summed"]
    assert pd.isna(flows.loc[("mex_irregular_events", "VEN", feb), "value_flag"])
    b = out["breakdowns"]
    mex = b[b["indicator_code"] == "mex_irregular_events_total"].set_index(["sex", "age"])["value"]
    assert mex.to_dict() == {("female", "under 12, accompanied"): 12, ("male", "18+"): 5500}


def test_guatemala_returnees_by_origin(out):
    v = _values(out)
    assert v.loc[("GTM", "gtm_returnees_from_mex", 2023), "value"] == 2343
    assert v.loc[("GTM", "gtm_returnees_from_usa", 2023), "value"] == 3000
    assert v.loc[("GTM", "gtm_returnees_from_usa", 2023), "months_covered"] == 1
    # the blank-origin 4064 is not guessed into either origin, but counts in the all-origins total
    assert v.loc[("GTM", "gtm_returnees_from_mex", 2024), "value"] == 1619
    assert ("GTM", "gtm_returnees_from_usa", 2024) not in v.index
    assert v.loc[("GTM", "gtm_returnees_total", 2023), "value"] == 2243 + 2997 + 3 + 100
    assert v.loc[("GTM", "gtm_returnees_total", 2024), "value"] == 1619 + 4064
    b = out["breakdowns"]
    usa = b[b["indicator_code"] == "gtm_returnees_from_usa"].set_index("category")["value"]
    assert usa.to_dict() == {"female unaccompanied child": 3, "male adult": 2997}


def test_honduras_total_nationality_and_demographics(out):
    v = _values(out)
    # Jan 988 + Feb 0; both March rows conflict
    assert v.loc[("HND", "hnd_irregular_arrivals_total", 2023), "value"] == 988
    assert v.loc[("HND", "hnd_irregular_arrivals_total", 2023), "months_covered"] == 2
    assert v.loc[("CUB", "hnd_irregular_arrivals", 2024), "value"] == 500
    flows = out["flows"]
    hnd = flows[flows["flow_code"] == "hnd_irregular_arrivals"]
    # the three OOO rows of one month (2.0, 1.0 and 1.0) are all counted: UNK 4, flagged as a sum
    assert set(hnd["nationality_code"]) == {"CUB", "STL", "UNK"}
    unk = hnd[hnd["nationality_code"] == "UNK"]
    assert unk[["value", "value_flag"]].values.tolist() == [[4, "summed"]]
    b = out["breakdowns"]
    girls = b[(b["indicator_code"] == "hnd_irregular_arrivals_total") & (b["category"] == "girls")]
    assert girls["value"].tolist() == [0]


def test_usa_blank_nationality_counts_in_total_only(out):
    v = _values(out)
    # Sep 2019 (no nationality) 1200 + Oct 350 + Nov 7 (OOO) + 0
    assert v.loc[("USA", "usa_sw_encounters_total", 2019), "value"] == 1557
    assert v.loc[("USA", "usa_sw_encounters_total", 2019), "months_covered"] == 3
    # by nationality only Oct-Nov 2019 exist: 2 months, not 3
    assert v.loc[("MEX", "usa_sw_encounters", 2019), "value"] == 350
    assert v.loc[("MEX", "usa_sw_encounters", 2019), "months_covered"] == 2
    flows = out["flows"]
    usa = flows[flows["flow_code"] == "usa_sw_encounters"]
    blank = usa[usa["nationality_code"].isna()]
    assert blank["value"].tolist() == [1200]
    assert usa.loc[usa["nationality_code"] == "UNK", "value"].tolist() == [7]


def test_usa_breakdowns_one_dimension_each(out):
    b = out["breakdowns"]
    usa = b[b["indicator_code"] == "usa_sw_encounters_total"]
    assert set(usa["dimension"]) == {"component", "authority", "type", "demog"}
    got = usa.set_index(["dimension", "category", "year"])["value"]
    assert got[("component", "U.S. Border Patrol", 2019)] == 1350
    assert got[("component", "Office of Field Operations", 2019)] == 207
    assert got[("authority", "Title 42", 2020)] == 400
    assert got[("demog", "FMUA", 2019)] == 250
    # every dimension adds up to the yearly total
    totals = usa.groupby(["dimension", "year"])["value"].sum().unstack("dimension")
    assert totals.loc[2019].tolist() == [1557] * 4
    assert totals.loc[2020].tolist() == [400] * 4


def test_every_file_balanced_with_its_reasons(out, ledger):
    expected = {
        "gdidata_irreg_darien_nat.csv": (
            20, 10, 1,
            {
                CONFLICT: 2,
                "impossible year": 1,
                "invalid date (expected YYYY-MM-01)": 1,
                "missing nationality code": 1,
                "negative count": 1,
                "non-January date in the annual-only years": 1,
                "non-numeric count": 1,
                "unknown nationality code": 1,
            },
        ),
        "gdidata_irreg_darien_dmg.csv": (5, 4, 0, {"unknown demographic group": 1}),
        "gdidata_irreg_mexico_exp.csv": (7, 6, 0, {"unknown return type": 1}),
        "gdidata_irreg_mexico_nat.csv": (8, 7, 0, {"non-integer count": 1}),
        "gdidata_irreg_mexico_dmg.csv": (4, 3, 0, {"unknown sex or age label": 1}),
        "gdidata_irreg_guatemala.csv": (
            8, 6, 0,
            {
                "unknown return origin": 1,
                "unknown sex or age label": 1,
            },
        ),
        "gdidata_irreg_honduras.csv": (
            6, 2, 0, {CONFLICT: 2, "missing count": 1, "date not the first of a month": 1}
        ),
        "gdidata_irreg_honduras_nat.csv": (6, 6, 0, {}),
        "gdidata_irreg_honduras_dmg.csv": (3, 2, 1, {}),
        "gdidata_irreg_usa.csv": (8, 7, 0, {"unknown nationality code": 1}),
    }
    assert {f for (s, f) in ledger.files if s == SRC} == set(bif.FILES) == set(expected)
    for file, (read, loaded, dups, reasons) in expected.items():
        st = ledger.stats(SRC, file)
        assert (st.read, st.loaded, st.duplicates) == (read, loaded, dups), file
        assert dict(st.quarantined) == reasons, file
        assert st.balanced, file


def test_quarantine_keeps_physical_line_and_raw_values(out, ledger):
    q = ledger.quarantine_frame()
    zzz = q[q["record_key"] == "2023-03-01|ZZZ"].iloc[0]
    # line 14 despite the BOM and CRLF line ends
    assert (zzz["source_file"], zzz["line"]) == ("gdidata_irreg_darien_nat.csv", 14)
    assert json.loads(zzz["raw_values"])["n"] == "9.0"
    neg = q[q["reason"] == "negative count"].iloc[0]
    assert json.loads(neg["raw_values"])["n"] == "-5.0"


def test_values_are_unique_and_in_scope(out):
    v = out["values"]
    assert not v.duplicated(["country_iso3", "indicator_code", "year"]).any()
    assert v["country_iso3"].isin(scope_codes()).all()
    assert v["value"].notna().all()
    assert out["breakdowns"]["country_iso3"].isin({"PAN", "MEX", "GTM", "HND", "USA"}).all()


def test_missing_required_column_raises(fixtures, ledger, tmp_path):
    folder = tmp_path / SRC
    shutil.copytree(fixtures / SRC, folder)
    usa = folder / "gdidata_irreg_usa.csv"
    usa.write_text(usa.read_text().replace(",nat,n", ",natx,n", 1))
    with pytest.raises(EtlError, match="missing required column 'nat'"):
        bif.run(folder, ledger)


def test_missing_file_raises(fixtures, ledger, tmp_path):
    folder = tmp_path / SRC
    shutil.copytree(fixtures / SRC, folder)
    (folder / "gdidata_irreg_honduras.csv").unlink()
    with pytest.raises(EtlError, match="gdidata_irreg_honduras.csv"):
        bif.run(folder, ledger)


# The adapter's checks in pandas (its `_check`, before the SQL models replaced it): the oracle the
# staging models are held to.
def _flag(reason: pd.Series, cond: pd.Series, text: str) -> pd.Series:
    """Set `text` where `cond` holds and no earlier check already gave a reason."""
    return reason.mask(reason.isna() & cond.fillna(True).astype(bool), text)


def _dates(texts: pd.Series) -> pd.DataFrame:
    period = parse_dates(texts)
    year = period.dt.year
    return pd.DataFrame(
        {
            "period": period,
            "first_of_month": period.dt.day == 1,
            "year_ok": ~((year < 2000) | (year > date.today().year)),
        }
    )


def _nationalities(texts: pd.Series) -> pd.DataFrame:
    code = texts.str.upper().replace({"OOO": "UNK"})
    known = code.isin(iso3_codes() | pseudo_codes() | {"TIB"}) | (code == "")
    return pd.DataFrame({"nat_code": code, "nat_known": known})


def _pandas_check(raw: pd.DataFrame, nat: str | None = None, blank_nat_ok: bool = False):
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


def _checked_rows(folder, table: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """This source's models run on `folder` (as bif.run runs them): the quarantined rows of `table`'s
    file as the ledger gets them, and every row of `table` with its status and parsed columns."""
    tables = run_alone(SRC, folder)
    ledger = source_ledger(sql_source(SRC).sql, tables)
    q = ledger.loc[(ledger["status"] == "quarantined") & (ledger["source_file"] == f"gdidata_irreg_{table}.csv"),
                   ["line", "reason"]].sort_values("line", ignore_index=True)
    rows = tables[table].rename(columns={"_line": "line", "_status": "status", "n_value": "value"})
    rows = rows[["line", "status", "period", "value", "nat_code"]].sort_values("line", ignore_index=True)
    return q, rows


@pytest.mark.parametrize("blank_nat_ok", [False, True])
def test_checks_in_duckdb_give_the_same_reasons_and_values_as_in_pandas(fixtures, tmp_path, blank_nat_ok):
    # One row per quirk, several at once on some rows: the first check that fails gives the reason.
    cases = [
        ("2023-01-01", "VEN", "10"),
        ("2023-13-01", "VEN", "10"),
        ("2023-01-15", "VEN", "abc"),
        ("1999-01-01", "VEN", "10"),
        ("2099-01-01", "XXX", "10"),
        ("2023-02-01", "VEN", ""),
        ("2023-02-01", "VEN", "NA"),
        ("2023-02-01", "VEN", "<5"),
        ("2023-02-01", "VEN", "-5.0"),
        ("2023-02-01", "VEN", "1.5"),
        ("2023-02-01", "VEN", "-1.5"),
        ("2023-02-01", "VEN", "2,386"),
        ("2023-02-01", "VEN", "inf"),
        ("2023-03-01", "", "7"),
        ("2023-03-01", "", "x"),
        ("2023-03-01", "ooo", "7.0"),
        ("2023-03-01", "tib", "7"),
        ("2023-03-01", "xxx", "7"),
        ("2023-03-01", "stl", "-7"),
        ("not a date", "", ""),
        # dates pandas reads beyond YYYY-MM-DD (as the adapter did): one-digit month and day, a day
        # after a space, other decimal digits in the year, a negative year, year 0
        ("2023-4-1", "VEN", "3"),
        ("2023-05- 1", "VEN", "3"),
        ("\u0662\u0660\u0662\u0663-06-01", "VEN", "3"),
        ("-2023-01-01", "VEN", "3"),
        ("0000-01-01", "VEN", "3"),
        ("2023-02-29", "VEN", "3"),
    ]
    raw = pd.DataFrame(cases, columns=["t", "nat", "n"]).astype(str)
    raw["_line"] = range(2, len(raw) + 2)
    reason, period, value, code = _pandas_check(raw, "nat", blank_nat_ok=blank_nat_ok)

    # The same rows as a file whose blank nationality is missing (Honduras) or allowed (CBP's, before Oct 2019).
    folder = tmp_path / SRC
    shutil.copytree(fixtures / SRC, folder)
    if blank_nat_ok:
        table, usa = "usa", raw.assign(t_fy="2023-01-01", component="U.S. Border Patrol", area="", authority="Title 8",
                                       type="Apprehensions", demog="Single Adults")
        usa[["t", "t_fy", "component", "area", "authority", "type", "demog", "nat", "n"]].to_csv(
            folder / "gdidata_irreg_usa.csv", index=False)
    else:
        table = "honduras_nat"
        raw[["t", "nat", "n"]].to_csv(folder / "gdidata_irreg_honduras_nat.csv", index=False)
    q, good = _checked_rows(folder, table)
    good = good[good["status"] == "loaded"]
    expected = reason.dropna()
    assert q["reason"].tolist() == expected.tolist()
    assert q["line"].tolist() == raw.loc[expected.index, "_line"].tolist()

    ok = reason.isna()
    assert good["line"].tolist() == raw.loc[ok, "_line"].tolist()
    assert good["period"].tolist() == period[ok].tolist()
    assert good["value"].tolist() == value[ok].tolist()
    assert good["nat_code"].tolist() == code[ok].tolist()
