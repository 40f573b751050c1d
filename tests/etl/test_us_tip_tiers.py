"""US TIP tiers adapter on a hand-written fixture with the source's quirks (CRLF, padded tiers, NA)."""
import json

from tests.etl.harness import sql_source

us_tip_tiers = sql_source("us-tip-tiers")


def test_tiers_become_numbers_and_every_row_is_accounted(fixtures, ledger):
    out = us_tip_tiers.run(fixtures / "us-tip-tiers", ledger)
    values = out["values"].set_index(["country_iso3", "year"])["value"]
    # "Watchlist    " (trailing spaces) is Tier 2 Watch List, between 2 and 3
    assert values[("ATG", 2015)] == 2.5
    # the exact duplicate ARG 2010 row loads once
    assert values[("ARG", 2010)] == 2.0
    # ARG 2011 says Tier 1 and Tier 3: neither is loaded
    assert ("ARG", 2011) not in values.index
    st = ledger.stats("us-tip-tiers", "tip_tiers_lac.csv")
    assert (st.read, st.loaded, st.duplicates) == (9, 2, 1)
    assert st.quarantined == {
        "not ranked that year (NA in source)": 1,
        "conflicting duplicate: same key with different values": 2,
        "unknown country code": 1,
        "impossible or non-numeric year": 1,
        "unknown tier label": 1,
    }
    assert st.balanced


def test_quarantine_keeps_raw_values_and_line(fixtures, ledger):
    us_tip_tiers.run(fixtures / "us-tip-tiers", ledger)
    q = ledger.quarantine_frame()
    narnia = q[q["record_key"].str.startswith("XXX")].iloc[0]
    assert narnia["line"] == 8
    assert json.loads(narnia["raw_values"])["countryname"] == "Narnia"


def test_quarantined_raw_values_are_the_json_python_writes_whatever_the_cells_hold(fixtures, ledger, tmp_path):
    import shutil

    folder = tmp_path / "us-tip-tiers"
    shutil.copytree(fixtures / "us-tip-tiers", folder)
    odd = 'Nar\x1fnia \x0b\x0e "quoted" \\u000B \t \u2028 é 👩🏽‍⚕️'
    with open(folder / "tip_tiers_lac.csv", "a", newline="") as fh:
        fh.write('"' + odd.replace('"', '""') + '","XXY",2012,999,"Tier 1"\r\n')
    us_tip_tiers.run(folder, ledger)
    q = ledger.quarantine_frame()
    row = q[q["record_key"] == "XXY|2012"].iloc[0]
    assert row["raw_values"] == json.dumps(
        {"countryname": odd, "iso": "XXY", "year": "2012", "ccode": "999", "tier": "Tier 1"}, ensure_ascii=False)
