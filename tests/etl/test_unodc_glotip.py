"""UNODC GLOTIP adapter on hand-written fixtures with the source's quirks.

Quirks covered: `<5` suppressed counts, "1,206" thousands separators, "12.0" decimals as text,
exact and conflicting duplicates, a blank Category, mojibake categories, UN-style names,
non-LAC reporters with non-ISO codes ("Aruba/Curacao"), CRLF, and bad codes, years and counts.
"""
import json
import math
import shutil

import pandas as pd
import pytest

from tests.etl.harness import sql_source
from common.errors import EtlError

unodc_glotip = sql_source("unodc-glotip")

LAC = "glotip_lac.csv"
ABROAD = "glotip_lac_citizens_detected_outside_lac.csv"
CONFLICT = "conflicting duplicate: same key with different values"


@pytest.fixture
def out(fixtures, ledger):
    return unodc_glotip.run(fixtures / "unodc-glotip", ledger)


def _values(out):
    return out["values"].set_index(["country_iso3", "indicator_code", "year"])


def test_totals_become_values_with_exact_figures(out):
    v = _values(out)
    assert v.loc[("ARG", "glotip_victims", 2019), "value"] == 1206  # "1,206"
    assert v.loc[("ARG", "glotip_prosecuted", 2019), "value"] == 12  # "12.0"
    assert v.loc[("ARG", "glotip_offences", 2019), "value"] == 40
    assert v.loc[("ARG", "glotip_formal_contact", 2019), "value"] == 77
    # the negative COL 2018 row is quarantined, its valid twin loads (no conflict left)
    assert v.loc[("COL", "glotip_victims", 2018), "value"] == 55
    # exactly one row per country, indicator and year; only countries in scope
    assert not out["values"].duplicated(["country_iso3", "indicator_code", "year"]).any()
    assert set(out["values"]["country_iso3"]) == {"ARG", "COL", "BOL", "DOM", "MEX"}


def test_suppressed_count_stays_censored(out):
    row = _values(out).loc[("ARG", "glotip_convicted", 2019)]
    assert math.isnan(row["value"])  # never 0 or 5
    assert row["value_flag"] == "suppressed"
    assert row["upper_bound"] == 5
    exact = _values(out).loc[("ARG", "glotip_victims", 2019)]
    assert pd.isna(exact["value_flag"]) and pd.isna(exact["upper_bound"])


def test_sub_rows_become_breakdowns(out):
    b = out["breakdowns"]
    lac = b[b["source_file"] == LAC].set_index(["country_iso3", "year", "dimension", "category", "sex"])
    assert len(lac) == 4
    assert lac.loc[("ARG", 2019, "Total", "Total", "Female"), "value"] == 700  # duplicate loaded once
    sexual = lac.loc[("ARG", 2019, "by form of exploitation", "Sexual exploitation", "Total")]
    assert math.isnan(sexual["value"]) and sexual["value_flag"] == "suppressed" and sexual["upper_bound"] == 5
    # conflicting Forced labour figures (3 and 9): neither is loaded
    assert "Forced labour" not in set(lac.reset_index()["category"])
    # the source's mojibake category is kept as it is, not guessed at
    assert lac.loc[("BOL", 2017, "by citizenship", "Ciudadanos de su pa\ufffds", "Total"), "value"] == 354
    # totals are not repeated as breakdowns
    assert not ((b["dimension"] == "Total") & (b["sex"] == "Total") & (b["age"] == "Total")).any()


def test_nationals_abroad_sums_reporters_with_censoring(out):
    v = _values(out)
    col = v.loc[("COL", "glotip_nationals_abroad", 2014)]
    # ESP 30 + USA 12 (+ ITA <5 unknown): at least 42; duplicate ESP row and conflicting DEU rows left out
    assert (col["value"], col["value_flag"]) == (42, "lower_bound")
    dom = v.loc[("DOM", "glotip_nationals_abroad", 2014)]
    assert math.isnan(dom["value"]) and dom["value_flag"] == "suppressed" and dom["upper_bound"] == 10
    # BOL: the repatriation row (<5) is not added to the citizenship total
    assert v.loc[("BOL", "glotip_nationals_abroad", 2015), "value"] == 7
    # MEX: the Female sub-row (20) is not added to the Total (50)
    assert v.loc[("MEX", "glotip_nationals_abroad", 2015), "value"] == 50


def test_nationals_abroad_breakdowns_by_reporting_country(out):
    b = out["breakdowns"]
    ab = b[b["source_file"] == ABROAD]
    assert len(ab) == 11
    rep = ab[ab["dimension"] == "by country of repatriation, by reporting country"]
    assert set(zip(rep["country_iso3"], rep["category"])) == {("BOL", "ESP"), ("VEN", "Aruba/Curacao")}
    assert set(rep["indicator_code"]) == {"glotip_nationals_abroad"}
    # persons convicted abroad are not victims: they keep their own indicator code
    conv = ab[ab["indicator_code"] == "glotip_convicted"]
    assert list(zip(conv["country_iso3"], conv["category"], conv["value_flag"])) == [("COL", "ESP", "suppressed")]
    female = ab[(ab["sex"] == "Female")]
    assert list(zip(female["country_iso3"], female["category"], female["value"])) == [("MEX", "USA", 20.0)]


def test_every_row_is_accounted_for(out, ledger):
    lac = ledger.stats("unodc-glotip", LAC)
    assert (lac.read, lac.loaded, lac.duplicates) == (23, 10, 1)
    assert lac.quarantined == {
        CONFLICT: 2,
        "breakdown row without a category": 1,
        "negative count": 1,
        "non-numeric value": 1,
        "missing value": 1,
        "impossible or non-numeric year": 2,
        "unknown country code": 1,
        "pseudo-code: no country to attribute to": 1,
        "unknown indicator": 1,
    }
    # Sound rows about countries the dashboard does not cover are counted, not copied.
    assert lac.out_of_scope == {"country outside the dashboard's scope": 1}
    ab = ledger.stats("unodc-glotip", ABROAD)
    assert (ab.read, ab.loaded, ab.duplicates) == (19, 11, 1)
    assert ab.quarantined == {
        CONFLICT: 2,
        "reporting country is in LAC, not abroad": 1,
        "unknown citizenship country name": 1,
        "missing reporting country": 1,
        "impossible or non-numeric year": 1,
    }
    assert ab.out_of_scope == {"citizenship country outside the dashboard's scope": 1}
    assert lac.balanced and ab.balanced


def test_quarantine_keeps_raw_values_and_line(out, ledger):
    q = ledger.quarantine_frame()
    narnia = q[(q["source_file"] == LAC) & q["record_key"].str.startswith("XXX")].iloc[0]
    assert narnia["line"] == 20
    assert json.loads(narnia["raw_values"])["Country"] == "Narnia"
    neg = q[q["reason"] == "negative count"].iloc[0]
    assert (neg["line"], json.loads(neg["raw_values"])["txtVALUE"]) == (15, "-3")


def test_missing_required_column_raises(fixtures, ledger, tmp_path):
    folder = tmp_path / "unodc-glotip"
    shutil.copytree(fixtures / "unodc-glotip", folder)
    text = (folder / LAC).read_text(encoding="utf-8").replace("txtVALUE", "VALUE", 1)
    (folder / LAC).write_text(text, encoding="utf-8")
    with pytest.raises(EtlError, match="txtVALUE"):
        unodc_glotip.run(folder, ledger)
