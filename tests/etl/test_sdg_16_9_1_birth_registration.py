"""SDG 16.9.1 birth registration (UN SDG database, DDF export) on a hand-written fixture with the source's quirks."""
import json

import pytest

from tests.etl.harness import sql_source
from common.errors import EtlError

brth = sql_source("sdg-16-9-1-birth-registration")

BRTH = "sg_reg_brth_lac.csv"
FLAG = "sg_reg_brth90n_lac.csv"


@pytest.fixture
def out(fixtures, ledger):
    return brth.run(fixtures / "sdg-16-9-1-birth-registration", ledger)


def _values(out):
    return out["values"].set_index(["country_iso3", "indicator_code", "year"])["value"]


def test_a_survey_figure_stays_at_its_survey_year(out):
    v = _values(out)
    u5 = v.xs("sdg_birth_registration_u5", level="indicator_code")
    # Trinidad and Tobago's only survey is 2011: nothing is carried to later years or interpolated
    assert u5[("TTO", 2011)] == 96.5
    assert list(u5.xs("TTO", level="country_iso3").index) == [2011]
    assert u5[("ARG", 2020)] == pytest.approx(99.719)
    # "068" is Bolivia's M49 code written with its leading zero
    assert u5[("BOL", 2016)] == 91.9
    assert set(u5.index.get_level_values("year")) == {2011, 2016, 2020}


def test_age_groups_are_a_breakdown_and_not_the_under_5_figure(out):
    v = _values(out)
    b = out["breakdowns"].set_index(["country_iso3", "year", "age"])
    assert (out["breakdowns"]["indicator_code"] == "sdg_birth_registration_u5").all()
    assert (out["breakdowns"]["dimension"] == "age").all()
    assert b.loc[("ARG", 2020, "<1 year"), "value"] == pytest.approx(99.291)
    assert b.loc[("ARG", 2020, "12-23 months"), "value"] == 100
    # Chile has only an under-8 figure and the USA only an under-1 figure: no under-5 value is made up
    assert b.loc[("CHL", 2011, "<8 years"), "value"] == 99.4
    assert b.loc[("USA", 2021, "<1 year"), "value"] == 100
    assert ("CHL", "sdg_birth_registration_u5", 2011) not in v.index
    assert ("USA", "sdg_birth_registration_u5", 2021) not in v.index


def test_aggregates_are_outside_and_bad_rows_quarantined_with_a_reason(out, ledger):
    v = _values(out)
    st = ledger.stats(brth.SOURCE, BRTH)
    assert (st.read, st.loaded, st.duplicates) == (21, 7, 1)
    # World (1) and Latin America and the Caribbean (419) are regions, not countries
    assert st.out_of_scope == {
        "region aggregate (an M49 region such as World or Latin America and the Caribbean), not a country": 3,
        "country outside the dashboard's scope": 1,
    }
    assert st.quarantined == {
        "conflicting duplicate: same key with different values": 2,
        "geo_area is not an M49 numeric code": 1,
        "impossible or non-numeric year": 1,
        "missing value": 1,
        "percentage outside 0-100": 1,
        "unexpected unit (expected percent)": 1,
        "unknown M49 area code": 1,
        "unknown age group": 1,
    }
    assert st.balanced
    # a blank percentage is missing, not 0; 101.5% is impossible; Paraguay 2019 says two things
    assert ("HND", "sdg_birth_registration_u5", 2019) not in v.index
    assert ("SLV", "sdg_birth_registration_u5", 2021) not in v.index
    assert ("PRY", "sdg_birth_registration_u5", 2019) not in v.index
    q = ledger.quarantine_frame()
    q = q[q["source_file"] == BRTH].set_index("line")
    assert q.loc[14, "reason"] == "missing value"
    assert json.loads(q.loc[14, "raw_values"])["sg_reg_brth"] == ""
    assert q.loc[15, "reason"] == "percentage outside 0-100"


def test_completeness_flag_is_one_or_zero_per_country(out, ledger):
    v = _values(out)
    flag = v.xs("sdg_birth_registration_complete90", level="indicator_code")
    assert flag[("ARG", 2015)] == 1 and flag[("ARG", 2016)] == 1
    assert flag[("PRY", 2015)] == 0  # a 0 is a real "no", kept
    st = ledger.stats(brth.SOURCE, FLAG)
    assert (st.read, st.loaded, st.duplicates) == (9, 3, 1)
    # the World and LAC rows count countries (138, 32): aggregates, not flags
    assert sum(st.out_of_scope.values()) == 3
    assert st.quarantined == {"flag other than 1 (yes) or 0 (no)": 1, "missing value": 1}
    assert ("VEN", 2015) not in flag.index and ("BRA", 2015) not in flag.index
    assert st.balanced


def test_an_unquoted_decimal_comma_is_quarantined_not_cut(fixtures, ledger, tmp_path):
    folder = tmp_path / "sdg-16-9-1-birth-registration"
    folder.mkdir()
    (folder / FLAG).write_bytes((fixtures / "sdg-16-9-1-birth-registration" / FLAG).read_bytes())
    (folder / BRTH).write_text("age,geo_area,nature,units,year,sg_reg_brth\n"
                               "lt5y,218,c,percent,2021,80,5\nlt5y,222,c,percent,2021,99\n", encoding="utf-8")
    out = brth.run(folder, ledger)
    v = _values(out)
    assert ("ECU", "sdg_birth_registration_u5", 2021) not in v.index
    assert v[("SLV", "sdg_birth_registration_u5", 2021)] == 99
    assert ledger.stats(brth.SOURCE, BRTH).quarantined == {"more cells than the header (an unquoted comma?)": 1}


def test_missing_required_column_raises(fixtures, ledger, tmp_path):
    (tmp_path / BRTH).write_text("geo_area,nature,units,year,sg_reg_brth\n32,c,percent,2020,99\n", encoding="utf-8")
    (tmp_path / FLAG).write_bytes((fixtures / "sdg-16-9-1-birth-registration" / FLAG).read_bytes())
    with pytest.raises(EtlError, match="'age'"):
        brth.run(tmp_path, ledger)
