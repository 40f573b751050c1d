"""UN treaty ratification adapter on hand-written fixtures (18 CRLF files, one per treaty).

Quirks covered: CRLF, title-case names not used for matching, blank year for non-parties, the
op_crc_ic file without a `note` column, Brazil's op_crc_ic row with the party flag at 0, Jamaica's
denounced ICCPR-OP1 flagged both party and no action, plus duplicates and bad codes, years, flags.
"""
import json
import shutil

import pandas as pd
import pytest

from tests.etl.harness import sql_source
from common.errors import EtlError

utr = sql_source("un-treaty-ratification")

SRC = "un-treaty-ratification"
ICMW = "hr_status_icmw_lac.csv"


@pytest.fixture
def out(fixtures, ledger):
    return utr.run(fixtures / SRC, ledger)


def test_reads_all_eighteen_files(out, ledger):
    assert len(utr.FILES) == 18 and ".sample" not in "".join(utr.FILES)
    assert {st.file for st in ledger.files.values()} == set(utr.FILES)
    assert all(st.balanced for st in ledger.files.values())
    # the <treaty> part of hr_status_<treaty>_lac.csv
    assert set(out["treaties"]["treaty_code"]) == {f.removeprefix("hr_status_").removesuffix("_lac.csv") for f in utr.FILES}


def test_treaties_table_one_row_per_country_and_treaty(out):
    t = out["treaties"]
    assert not t.duplicated(["country_iso3", "treaty_code"]).any()
    icmw = t[t["treaty_code"] == "icmw"].set_index("country_iso3")
    assert set(icmw.index) == {"ARG", "BHS", "HTI", "MEX", "USA"}
    assert icmw.loc["ARG", "ratification_year"] == 2007 and bool(icmw.loc["ARG", "state_party"])
    assert icmw.loc["HTI", "status"] == "signatory state" and bool(icmw.loc["HTI", "signatory"])
    assert pd.isna(icmw.loc["BHS", "ratification_year"]) and not icmw.loc["BHS", "state_party"]
    assert set(t["status_year"]) == {2022}
    # the day the statuses were recorded (the repository commit; the sources YAML's status_as_of)
    assert set(pd.to_datetime(t["status_as_of"]).dt.date.astype(str)) == {"2022-08-25"}
    assert set(pd.to_datetime(out["values"]["status_as_of"]).dt.date.astype(str)) == {"2022-08-25"}


def test_denounced_treaty_is_not_a_party(out):
    t = out["treaties"].set_index(["country_iso3", "treaty_code"])
    jam = t.loc[("JAM", "iccpr_op1")]
    # flags say party and no action; the note explains it: the protocol was denounced
    assert jam["status"] == "denounced" and not jam["state_party"]
    assert jam["ratification_year"] == 1975 and jam["note"] == "Denounced the OP 1997"


def test_yearly_party_series(out):
    v = out["values"].set_index(["country_iso3", "indicator_code", "year"])["value"]
    assert set(out["values"]["indicator_code"]) == {
        "treaty_icmw_party",
        "treaty_op_crc_sc_party",
        "treaty_cped_party",
        "treaty_opcat_party",
    }
    assert (v[("ARG", "treaty_icmw_party", 2006)], v[("ARG", "treaty_icmw_party", 2007)]) == (0, 1)
    assert v[("ARG", "treaty_icmw_party", 2022)] == 1
    assert v[("MEX", "treaty_icmw_party", 1998)] == 0 and v[("MEX", "treaty_icmw_party", 1999)] == 1
    assert v.xs("HTI", level="country_iso3").eq(0).all()  # signatory only: never a party
    assert v[("USA", "treaty_op_crc_sc_party", 2002)] == 1
    # denounced in 2010: party 2008-2009 only
    gtm = v.xs(("GTM", "treaty_opcat_party"), level=["country_iso3", "indicator_code"])
    assert gtm[gtm == 1].index.tolist() == [2008, 2009]
    # 12 valid rows in the four series treaties, years 1990-2022, no gaps and no duplicates
    assert len(v) == 12 * 33 and v.index.is_unique
    assert v.index.get_level_values("year").min() == 1990 and v.index.get_level_values("year").max() == 2022


def test_bad_rows_are_quarantined_with_reasons(out, ledger):
    st = ledger.stats(SRC, ICMW)
    assert (st.read, st.loaded, st.duplicates) == (16, 5, 1)
    assert st.quarantined == {
        "state party without ratification year": 1,
        "unknown ISO2 country code": 1,
        "conflicting duplicate: same key with different values": 2,
        "impossible ratification year": 2,
        "inconsistent status flags": 1,
        "ratification year for a non-party": 1,
        "status flag not 0 or 1": 1,
    }
    # A sound row about a country the dashboard does not cover is counted, not copied.
    assert st.out_of_scope == {"country outside the dashboard's scope": 1}
    ic = ledger.stats(SRC, "hr_status_op_crc_ic_lac.csv")
    assert (ic.read, ic.loaded, dict(ic.quarantined)) == (2, 1, {"inconsistent status flags": 1})
    q = ledger.quarantine_frame()
    narnia = q[q["record_key"] == "XX"].iloc[0]
    assert narnia["line"] == 8 and json.loads(narnia["raw_values"])["member"] == "Narnia"
    # quarantined countries get no series at all
    codes = set(out["values"]["country_iso3"])
    assert not {"KNA", "PER", "CHL", "COL", "JAM", "BOL", "CAN"} & codes


def test_missing_required_column_raises(fixtures, ledger, tmp_path):
    folder = tmp_path / SRC
    shutil.copytree(fixtures / SRC, folder)
    text = (folder / ICMW).read_text(encoding="utf-8").replace("no action", "no_action", 1)
    (folder / ICMW).write_text(text, encoding="utf-8")
    with pytest.raises(EtlError, match="'no action'"):
        utr.run(folder, ledger)


def test_duplicates_and_conflicts_are_found_within_a_file_never_across_files(fixtures, ledger, tmp_path):
    # One ledger model checks the 18 files: a file holding the very rows of another gets the same
    # counts as that file (its rows are not duplicates of the other's), and its own repeats count.
    folder = tmp_path / SRC
    shutil.copytree(fixtures / SRC, folder)
    shutil.copyfile(folder / ICMW, folder / "hr_status_cped_lac.csv")
    utr.run(folder, ledger)
    icmw, cped = ledger.stats(SRC, ICMW), ledger.stats(SRC, "hr_status_cped_lac.csv")
    assert (cped.read, cped.loaded, cped.duplicates, cped.quarantined, cped.out_of_scope) == (
        icmw.read, icmw.loaded, icmw.duplicates, icmw.quarantined, icmw.out_of_scope) == (
        16, 5, 1, icmw.quarantined, icmw.out_of_scope)
    # a quarantined row's raw values are its own file's cells: op_crc_ic has no note column
    q = ledger.quarantine_frame()
    ic = q[q["source_file"] == "hr_status_op_crc_ic_lac.csv"]
    assert len(ic) == 1 and "note" not in json.loads(ic["raw_values"].iloc[0])
    assert "note" in json.loads(q[q["source_file"] == ICMW]["raw_values"].iloc[0])
