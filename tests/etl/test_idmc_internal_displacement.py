"""IDMC internal displacement (IOM gdidata) on hand-written fixtures: flows by cause, stocks by sex and age."""
import pandas as pd
import pytest

from tests.etl.harness import sql_source
from common.errors import EtlError

idmc = sql_source("idmc-internal-displacement")

FLOWS = "gdidata_idmc_flows_lac.csv"
STOCKS = "gdidata_idmc_stocks_lac.csv"


@pytest.fixture
def out(fixtures, ledger):
    return idmc.run(fixtures / "idmc-internal-displacement", ledger)


def _values(out):
    return out["values"].set_index(["country_iso3", "indicator_code", "year"])


def test_new_displacements_by_conflict_and_by_disasters(out):
    v = _values(out)["value"]
    assert v[("COL", "idmc_new_displacements_conflict", 2022)] == 338665
    # disasters: flood + mass movement + storm
    assert v[("COL", "idmc_new_displacements_disaster", 2022)] == 267446 + 12252 + 943
    assert ("COL", "idmc_new_displacements_disaster", 2021) not in v.index
    assert v[("MEX", "idmc_new_displacements_conflict", 2022)] == 9223  # exact duplicate loads once
    # IDMC's own 0 is a figure
    assert v[("GTM", "idmc_new_displacements_conflict", 2013)] == 0
    b = out["breakdowns"]
    hazards = b[(b["country_iso3"] == "COL") & (b["dimension"] == "hazard")].set_index("category")["value"]
    assert hazards.to_dict() == {"flood": 267446, "mass movement": 12252, "storm": 943}


def test_a_blank_count_is_not_zero_and_makes_the_sum_a_floor(out, ledger):
    v = _values(out)
    hti = v.loc[("HTI", "idmc_new_displacements_disaster", 2022)]
    # the flood count is blank: the earthquake alone is only a lower bound, not the total
    assert hti["value"] == 3578 and hti["value_flag"] == "lower_bound"
    assert not (v["value"].isna()).any()
    q = ledger.quarantine_frame().set_index(["source_file", "record_key"])
    assert q.loc[(FLOWS, "HTI|2022|flood"), "reason"] == "missing value"


def test_flow_rows_accounted_for(out, ledger):
    v = _values(out)["value"]
    st = ledger.stats(idmc.SOURCE, FLOWS)
    assert (st.read, st.loaded, st.duplicates) == (18, 7, 1)
    assert st.quarantined == {
        "conflicting duplicate: same key with different values": 2,
        "fractional value for a count of people or displacements": 1,
        "impossible or non-numeric year": 1,
        "missing value": 1,
        "more cells than the header (an unquoted comma?)": 1,
        "negative value for a count": 1,
        "unknown cause of displacement": 1,
        "unknown country code": 1,
    }
    # AB9, IDMC's code for the Abyei Area, is documented and not in Latin America
    assert st.out_of_scope == {"country outside the dashboard's scope": 1}
    assert st.balanced
    # "Wildfire" and "wildfire" are one cause with two counts: neither is loaded, and no sum is made
    assert ("CHL", "idmc_new_displacements_disaster", 2022) not in v.index
    assert ("PER", "idmc_new_displacements_disaster", 2022) not in v.index
    assert ("ECU", "idmc_new_displacements_disaster", 2022) not in v.index


def test_stocks_sum_the_sex_and_age_groups_and_keep_them_as_breakdowns(out, ledger):
    v = _values(out)
    assert v.loc[("ARG", "idmc_idps_disaster", 2024), "value"] == 74
    assert pd.isna(v.loc[("ARG", "idmc_idps_disaster", 2024), "value_flag"])  # every group loaded: exact
    # Belize: IDMC's 0 people is a 0, not a missing value
    assert v.loc[("BLZ", "idmc_idps_disaster", 2024), "value"] == 0
    # Haiti's "NA" group is missing: the sum of the other three is a floor
    hti = v.loc[("HTI", "idmc_idps_conflict", 2024)]
    assert hti["value"] == 53256 + 62616 + 54304 and hti["value_flag"] == "lower_bound"
    b = out["breakdowns"]
    arg = b[(b["country_iso3"] == "ARG") & (b["indicator_code"] == "idmc_idps_disaster")]
    assert len(arg) == 10 and set(arg["dimension"]) == {"sex and age"}
    assert arg.set_index(["sex", "age"]).loc[("female", "18-59"), "value"] == 21
    assert arg["value"].sum() == 74
    st = ledger.stats(idmc.SOURCE, STOCKS)
    assert (st.read, st.loaded, st.duplicates) == (19, 14, 0)
    assert st.quarantined == {
        "missing value": 1,
        "unknown age group": 1,
        "unknown cause (expected conflict or disaster)": 1,
        "unknown sex category": 1,
    }
    assert st.out_of_scope == {"country outside the dashboard's scope": 1}
    assert st.balanced
    assert "AFG" not in set(out["values"]["country_iso3"])


def test_missing_required_column_raises(fixtures, ledger, tmp_path):
    (tmp_path / FLOWS).write_bytes((fixtures / "idmc-internal-displacement" / FLOWS).read_bytes())
    (tmp_path / STOCKS).write_text("geo,t,cause,sex,n\nCOL,2024,conflict,female,10\n", encoding="utf-8")
    with pytest.raises(EtlError, match="'age'"):
        idmc.run(tmp_path, ledger)
