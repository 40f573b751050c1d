"""World Bank WDI adapter on hand-written fixtures (gdidata long file; CRLF population file)."""
import json

import pytest

from tests.etl.harness import sql_source
from common.errors import EtlError

wdi = sql_source("world-bank-wdi")

WDI = "gdidata_wdi_lac.csv"
POP = "datasets_population_lac.csv"


def _values(fixtures, ledger):
    out = wdi.run(fixtures / "world-bank-wdi", ledger)
    return out["values"].set_index(["country_iso3", "indicator_code", "year"])["value"]


def test_variables_map_to_indicator_codes(fixtures, ledger):
    v = _values(fixtures, ledger)
    # UN WPP population from gdidata is kept apart from World Bank SP.POP.TOTL
    assert v[("ARG", "wpp_population", 2020)] == pytest.approx(45191960.99999999)
    assert v[("ARG", "wdi_population", 2020)] == 45191965
    assert v[("ARG", "wdi_gdp_usd", 2020)] == pytest.approx(385740508436.965)
    assert v[("ARG", "wdi_inflation_pct", 2020)] == 42.0
    # negative values are legitimate for net migration, net FDI and the WGI score
    assert v[("ARG", "wdi_net_migration", 2020)] == -202
    assert v[("ARG", "wdi_fdi_out_usd", 2020)] == -1_500_000
    assert v[("ARG", "wgi_political_stability", 2020)] == pytest.approx(-0.07202624529600143)
    # "Venezuela, RB" (quoted comma) in the CRLF population file
    assert v[("VEN", "wdi_population", 2024)] == 28405543
    assert v[("BRA", "wdi_population", 2021)] == 213317639


def test_wdi_file_bad_rows(fixtures, ledger):
    v = _values(fixtures, ledger)
    st = ledger.stats(wdi.SOURCE, WDI)
    assert (st.read, st.loaded, st.duplicates) == (17, 6, 1)
    assert st.quarantined == {
        "negative value for a count": 1,
        "negative value for a rate": 1,
        "missing value": 2,
        "non-numeric value": 1,
        "impossible or non-numeric year": 1,
        "unknown variable code": 1,
        "region aggregate or unknown country code": 1,
        "conflicting duplicate: same key with different values": 2,
    }
    assert st.balanced
    assert ("ARG", "wdi_remittances_in_usd", 2020) not in v.index
    assert ("BRA", "wdi_age_dependency_pct", 2020) not in v.index
    q = ledger.quarantine_frame()
    q = q[q["source_file"] == WDI].set_index("line")
    assert q.loc[9, "reason"] == "negative value for a count"
    assert json.loads(q.loc[14, "raw_values"])["var"] == "foo"
    assert q.loc[14, "reason"] == "unknown variable code"


def test_population_file_bad_rows(fixtures, ledger):
    v = _values(fixtures, ledger)
    st = ledger.stats(wdi.SOURCE, POP)
    assert (st.read, st.loaded, st.duplicates) == (11, 4, 1)
    assert st.quarantined == {
        "region aggregate or unknown country code": 1,
        "negative value for a count": 1,
        "impossible or non-numeric year": 1,
        "missing value": 1,
        "conflicting duplicate: same key with different values": 2,
    }
    assert st.balanced
    assert ("CHL", "wdi_population", 2020) not in v.index
    assert "LCN" not in set(v.index.get_level_values(0))


def test_missing_required_column_raises(fixtures, ledger, tmp_path):
    (tmp_path / WDI).write_text("geo,var,t\nARG,pop,2020\n", encoding="utf-8")
    with pytest.raises(EtlError, match="'v'"):
        wdi.run(tmp_path, ledger)
    (tmp_path / WDI).write_bytes((fixtures / "world-bank-wdi" / WDI).read_bytes())
    (tmp_path / POP).write_text("Country Name,Country Code,Year\nChile,CHL,2020\n", encoding="utf-8")
    with pytest.raises(EtlError, match="'Value'"):
        wdi.run(tmp_path, ledger)
