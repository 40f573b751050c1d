"""UNHCR displacement adapter on a hand-written fixture in the gdidata long format."""
import json

import pandas as pd
import pytest

from tests.etl.harness import sql_source
from common.errors import EtlError

unhcr = sql_source("unhcr-displacement")

FILE = "gdidata_unhcr_lac.csv"


def _run(fixtures, ledger):
    out = unhcr.run(fixtures / "unhcr-displacement", ledger)
    return out["values"].set_index(["country_iso3", "indicator_code", "year"])


def test_hosted_totals_by_country_of_asylum(fixtures, ledger):
    v = _run(fixtures, ledger)["value"]
    # the exact duplicate refugee row counts once
    assert v[("COL", "unhcr_refugees_hosted", 2023)] == 1134
    assert v[("COL", "unhcr_asylum_hosted", 2023)] == 23449
    # OOO (various/unknown origin) still counts toward what Colombia hosts
    assert v[("COL", "unhcr_other_protection_hosted", 2023)] == 183 + 98
    assert v[("COL", "unhcr_displaced_hosted", 2023)] == 1134 + 23449 + 183 + 98
    assert v[("COL", "unhcr_idps", 2023)] == 6_900_000
    assert v[("BRA", "unhcr_stateless", 2023)] == 22
    assert v[("COL", "unhcr_idp_returns", 2022)] == 100


def test_displaced_abroad_by_origin_in_any_country(fixtures, ledger):
    v = _run(fixtures, ledger)["value"]
    # hosted in COL, ESP, ECU and an unknown country (UNK); VEN "other" in VEN itself is not abroad
    assert v[("VEN", "unhcr_displaced_abroad", 2023)] == 1134 + 23449 + 133714 + 10 + 2000
    assert v[("HTI", "unhcr_displaced_abroad", 2023)] == 183 + 5
    # Venezuela does not "host" its own nationals
    assert ("VEN", "unhcr_other_protection_hosted", 2023) not in v.index
    codes = set(v.index.get_level_values(0))
    assert not codes & {"STL", "UNK", "OOO", "ESP", "ABW"}


def test_refugee_returns_count_for_the_country_returned_to(fixtures, ledger):
    v = _run(fixtures, ledger)
    # geo is the country the refugees left (MEX), `from` the one they returned to (GTM)
    assert v.loc[("GTM", "unhcr_refugee_returns", 1995), "value"] == 9506
    assert ("MEX", "unhcr_refugee_returns", 1995) not in v.index
    # 2024 is a mid-year release: the returns cover six months, the stocks are a date
    assert v.loc[("MEX", "unhcr_refugee_returns", 2024), "months_covered"] == 6
    assert pd.isna(v.loc[("GTM", "unhcr_refugee_returns", 1995), "months_covered"])
    assert v["months_covered"].notna().sum() == 1


def test_every_row_accounted_with_reasons(fixtures, ledger):
    unhcr.run(fixtures / "unhcr-displacement", ledger)
    st = ledger.stats(unhcr.SOURCE, FILE)
    assert (st.read, st.loaded, st.duplicates) == (27, 14, 1)
    assert st.quarantined == {
        "pseudo-code as country of return: no country to attribute to": 1,
        "origin is the country of asylum: not international protection": 1,
        "non-numeric value": 1,
        "negative count": 1,
        "missing value": 1,
        "impossible or non-numeric year": 1,
        "unknown country code": 1,
        "unknown population group": 1,
        "conflicting duplicate: same key with different values": 2,
    }
    # Sound rows about countries the dashboard does not cover are counted, not copied.
    assert st.out_of_scope == {
        "country of return outside the dashboard's scope": 1,
        "neither country of asylum nor origin in the dashboard's scope": 1,
    }
    assert st.balanced
    q = ledger.quarantine_frame().set_index("line")
    assert q.loc[15, "reason"] == "origin is the country of asylum: not international protection"
    assert json.loads(q.loc[15, "raw_values"])["n"] == "3206577.0"
    assert q.loc[20, "reason"] == "unknown country code"
    assert q.loc[19, "record_key"] == "COL|VEN|2050.5|refugee"


def test_small_counts_rounded_by_unhcr_are_flagged_as_rounded(fixtures, ledger):
    v = _run(fixtures, ledger)
    # UNHCR shows every count from 1 to 4 as 5: Ecuador's two refugee counts of 5 (10) may be 2
    ecu = v.loc[("ECU", "unhcr_refugees_hosted", 2023)]
    assert (ecu["value"], ecu["value_flag"]) == (10, "rounded")
    # in 2,010 people those two counts move the figure by less than 1%: not flagged
    assert v.loc[("ECU", "unhcr_displaced_hosted", 2023), "value"] == 2010
    assert pd.isna(v.loc[("ECU", "unhcr_displaced_hosted", 2023), "value_flag"])
    assert pd.isna(v.loc[("COL", "unhcr_refugees_hosted", 2023), "value_flag"])


def test_conflicting_rows_load_nothing(fixtures, ledger):
    v = _run(fixtures, ledger)["value"]
    assert ("PER", "unhcr_asylum_hosted", 2022) not in v.index
    assert ("PER", "unhcr_displaced_hosted", 2022) not in v.index


def test_missing_group_column_raises(ledger, tmp_path):
    folder = tmp_path / "unhcr-displacement"
    folder.mkdir()
    (folder / FILE).write_text("geo,t,from,n\nCOL,2023.0,VEN,5.0\n", encoding="utf-8")
    with pytest.raises(EtlError, match="'group'"):
        unhcr.run(folder, ledger)


def test_a_row_with_several_problems_gets_the_most_basic_reason(ledger, tmp_path):
    folder = tmp_path / "unhcr-displacement"
    folder.mkdir()
    rows = {
        "XXX,abc,FRA,foo,-5": "unknown country code",
        "COL,abc,FRA,foo,-5": "impossible or non-numeric year",
        "COL,2020.0,FRA,foo,-5": "unknown population group",
        "FRA,2020.0,FRA,refugee,-5": "negative count",
        "FRA,2020.0,UNK,refugee return,abc": "non-numeric value",
        "FRA,2020.0,UNK,refugee return,5": "pseudo-code as country of return: no country to attribute to",
        "FRA,2020.0,ESP,refugee return,5": "country of return outside the dashboard's scope",
        "FRA,2020.0,FRA,idp,5": "country outside the dashboard's scope",
        # own country wins over out of scope, and applies in scope too
        "FRA,2020.0,FRA,refugee,5": "origin is the country of asylum: not international protection",
        "COL,2020.0,COL,asylum,5": "origin is the country of asylum: not international protection",
        "FRA,2020.0,ESP,other,5": "neither country of asylum nor origin in the dashboard's scope",
    }
    (folder / FILE).write_text("geo,t,from,group,n\n" + "\n".join(rows) + "\n", encoding="utf-8")
    unhcr.run(folder, ledger)
    q = ledger.quarantine_frame().sort_values("line")
    st = ledger.stats(unhcr.SOURCE, FILE)
    # Rows whose only problem is their country are counted as outside the scope, not quarantined.
    aside = {"country of return outside the dashboard's scope", "country outside the dashboard's scope",
             "neither country of asylum nor origin in the dashboard's scope"}
    assert q["reason"].tolist() == [r for r in rows.values() if r not in aside]
    assert st.out_of_scope == {r: 1 for r in aside}
    assert st.loaded == 0 and st.balanced
