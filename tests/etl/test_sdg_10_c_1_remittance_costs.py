"""SDG 10.c.1 remittance costs (UN SDG database, DDF export) on hand-written fixtures with the source's quirks."""
import pytest

from tests.etl.harness import sql_source
from common.errors import EtlError

rmt = sql_source("sdg-10-c-1-remittance-costs")

TO = "si_rmt_cost_lac.csv"
FROM = "si_rmt_cost_snd_lac.csv"
BC = "si_rmt_cost_bc_lac.csv"
SC = "si_rmt_cost_sc_lac.csv"
AGGREGATE = "region aggregate (an M49 region such as World or Latin America and the Caribbean), not a country"


@pytest.fixture
def out(fixtures, ledger):
    return rmt.run(fixtures / "sdg-10-c-1-remittance-costs", ledger)


def _values(out):
    return out["values"].set_index(["country_iso3", "indicator_code", "year"])["value"]


def test_costs_load_at_the_years_published_and_no_others(out):
    v = _values(out)
    to = v.xs("sdg_remittance_cost_to", level="indicator_code")
    assert to[("BOL", 2011)] == 11.52 and to[("BOL", 2015)] == 7.11 and to[("BOL", 2017)] == 4.1
    # 2012-2014 and 2016 are not published: not filled in
    assert sorted(to.xs("BOL", level="country_iso3").index) == [2011, 2015, 2017]
    assert to[("MEX", 2021)] == 4.39  # the exact duplicate line loads once
    frm = v.xs("sdg_remittance_cost_from", level="indicator_code")
    assert frm[("USA", 2021)] == 5.61 and frm[("CAN", 2021)] == 6.6


def test_a_cost_below_0_or_above_100_is_quarantined_with_a_reason(out, ledger):
    v = _values(out)
    st = ledger.stats(rmt.SOURCE, TO)
    assert (st.read, st.loaded, st.duplicates) == (16, 4, 1)
    assert st.quarantined == {
        "conflicting duplicate: same key with different values": 2,
        "cost above 100% of the amount sent": 1,
        "missing value": 2,
        "negative cost (below 0% of the amount sent)": 1,
        "more cells than the header (an unquoted comma?)": 1,
        "unexpected unit (expected percent)": 1,
    }
    assert st.out_of_scope == {AGGREGATE: 2, "country outside the dashboard's scope": 1}
    assert st.balanced
    for iso3 in ("CRI", "CUB", "MEX", "BRA", "COL", "DOM", "ECU"):
        assert (iso3, "sdg_remittance_cost_to", 2019 if iso3 != "MEX" else 2020) not in v.index, iso3
    q = ledger.quarantine_frame().set_index(["source_file", "record_key"])
    assert q.loc[(TO, "188|2019"), "reason"] == "negative cost (below 0% of the amount sent)"
    assert q.loc[(TO, "192|2019"), "reason"] == "cost above 100% of the amount sent"
    # a blank cost is missing, not a free transfer
    assert q.loc[(TO, "076|2019"), "reason"] == "missing value"
    # "5,1" unquoted is two cells: the 5 alone is not loaded
    assert q.loc[(TO, "214|2019"), "reason"] == "more cells than the header (an unquoted comma?)"


def test_negative_smart_costs_of_the_published_file_are_set_aside(out, ledger):
    st = ledger.stats(rmt.SOURCE, SC)
    assert st.quarantined == {"negative cost (below 0% of the amount sent)": 2, "cost above 100% of the amount sent": 1}
    assert st.loaded == 2 and st.balanced
    b = out["breakdowns"]
    smart = b[b["source_file"] == SC]
    assert (smart["value"] >= 0).all() and (smart["value"] <= 100).all()
    assert not ((smart["country_iso3"] == "BRA") & (smart["category"] == "GBR")).any()


def test_corridors_are_breakdowns_by_the_other_side(out, ledger):
    b = out["breakdowns"].set_index(["indicator_code", "country_iso3", "year", "dimension", "category"])["value"]
    # receiving country's cost, by sending country (ESP and GBR are not in the dashboard: still a corridor)
    assert b[("sdg_remittance_cost_to", "BOL", 2016, "sending country", "BRA")] == pytest.approx(5.36901)
    assert b[("sdg_remittance_cost_to", "BOL", 2016, "sending country", "ESP")] == pytest.approx(5.68441)
    assert b[("sdg_remittance_cost_to", "JAM", 2021, "sending country", "GBR")] == pytest.approx(5.51211)
    assert b[("sdg_remittance_cost_to", "BOL", 2016, "sending country, SmaRT average", "BRA")] == pytest.approx(6.99646)
    # sending country's cost, by receiving country, when the sender is in the dashboard
    assert b[("sdg_remittance_cost_from", "USA", 2021, "receiving country", "MEX")] == pytest.approx(4.39452)
    assert b[("sdg_remittance_cost_from", "BRA", 2016, "receiving country", "BOL")] == pytest.approx(5.36901)
    assert "GBR" not in set(b.index.get_level_values("country_iso3"))
    st = ledger.stats(rmt.SOURCE, BC)
    assert (st.read, st.loaded, st.duplicates) == (9, 4, 1)
    # GBR -> India has no side in the dashboard; "419" sends nothing: it is a region
    assert st.out_of_scope == {"neither side of the corridor is a country of the dashboard": 1, AGGREGATE: 1}
    assert st.quarantined == {"missing value": 1, "unknown ISO2 code of the receiving country": 1}
    assert st.balanced


def test_missing_required_column_raises(fixtures, ledger, tmp_path):
    for f in (TO, FROM, SC):
        (tmp_path / f).write_bytes((fixtures / "sdg-10-c-1-remittance-costs" / f).read_bytes())
    (tmp_path / BC).write_text("geo_area,nature,units,year,si_rmt_cost_bc\n840,g,percent,2021,4.4\n", encoding="utf-8")
    with pytest.raises(EtlError, match="'counterpart'"):
        rmt.run(tmp_path, ledger)
