"""UN Treaty Collection participation tables on hand-written fixtures in the native formats.

Quirks covered: the 2023 scrape's `;` separator with commas inside the header names and `nan`
for empty cells, footnote numbers after a participant's name ("China 1", "Ukraine 6, 7"), the
European Union as a participant, the LAC extracts' added `iso3_added` (checked against the name),
the 1967 Protocol's table with no signature column, the action codes after a date (a, d, AA), and
the Trafficking Protocol taken twice (January 2014 and May 2023). Every status keeps the date it
was taken; a country absent from a table had taken no action by then.
"""
import datetime as dt
import json
import shutil

import pandas as pd
import pytest

from etl import readers
from tests.etl.harness import sql_source
from common.errors import EtlError

untc = sql_source("untc-treaty-status")

SRC = "untc-treaty-status"
TIP_2023 = "untc_XVIII-12-a_trafficking_protocol_2023.native.csv"
TIP_2014 = "untc_XVIII-12-a_trafficking_protocol_2014scrape_lac.csv"
SMUGGLING = "untc_XVIII-12-b_smuggling_protocol_2014scrape.native.csv"
VCCR = "untc_III-6_vccr_consular_2014scrape.native.csv"
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    from tests.etl.harness import Ledger
    from tests.conftest import FIXTURES

    ledger = Ledger()
    return untc.run(FIXTURES / SRC, ledger), ledger


@pytest.fixture(scope="module")
def treaties(run):
    t = run[0]["treaties"].copy()
    t["status_as_of"] = pd.to_datetime(t["status_as_of"]).dt.date
    return t


@pytest.fixture(scope="module")
def values(run):
    v = run[0]["values"].copy()
    v["status_as_of"] = pd.to_datetime(v["status_as_of"]).dt.date
    return v.set_index(["country_iso3", "indicator_code", "year"])


def test_reads_every_file_and_accounts_for_every_row(run, treaties):
    _, ledger = run
    assert {st.file for st in ledger.files.values()} == set(untc.FILES) and len(untc.FILES) == 10
    assert all(st.balanced for st in ledger.files.values())
    assert set(treaties["treaty_code"]) == {
        "vccr", "icmw", "refugee_convention_1951", "statelessness_1954", "statelessness_1961",
        "refugee_protocol_1967", "trafficking_protocol", "smuggling_protocol", "untoc"}


def test_a_status_row_keeps_its_as_of_date(treaties):
    t = treaties.set_index(["country_iso3", "treaty_code", "status_as_of"]).sort_index()
    arg = t.loc[("ARG", "trafficking_protocol")]
    # the same treaty taken twice: one row per country, treaty and as-of date
    assert sorted(arg.index) == [D("2014-01-27"), D("2023-05-11")]
    assert list(arg["status_year"]) == [2014, 2023] and set(arg["ratification_year"]) == {2002}
    vccr = t.loc[("ARG", "vccr", D("2014-07-10"))]
    assert vccr["status"] == "state party" and vccr["ratification_year"] == 1967
    assert t.loc[("MEX", "refugee_convention_1951", D("2013-07-06")), "ratification_year"] == 2000
    assert t.loc[("ARG", "statelessness_1961", D("2015-01-27")), "ratification_year"] == 2014
    # the 1967 Protocol's table has no signature column
    assert t.loc[("ARG", "refugee_protocol_1967", D("2014-01-27")), "status"] == "state party"
    assert not treaties.duplicated(["country_iso3", "treaty_code", "status_as_of"]).any()
    assert treaties["status_as_of"].notna().all()


def test_signatories_and_absent_countries(treaties):
    t = treaties.set_index(["country_iso3", "treaty_code", "status_as_of"]).sort_index()
    hti = t.loc[("HTI", "icmw", D("2023-05-11"))]
    assert hti["status"] == "signatory state" and hti["signatory"] and not hti["state_party"]
    # not listed by UNTC on the as-of date: no action, for every country of the dashboard
    usa = t.loc[("USA", "trafficking_protocol", D("2023-05-11"))]
    assert usa["status"] == "no action" and not usa["state_party"] and pd.isna(usa["ratification_year"])
    assert (treaties[treaties["source_file"] == TIP_2023]["country_iso3"].nunique()) == 35 - 5  # BRA, COL, GTM, LCA, VEN quarantined


def test_a_country_outside_the_dashboard_is_set_aside(run, treaties):
    _, ledger = run
    st = ledger.stats(SRC, TIP_2023)
    # Afghanistan, China (footnote 1), Ukraine (footnotes 6, 7): countries; the EU is no country
    assert st.out_of_scope == {"country outside the dashboard's scope": 3,
                               "participant is not a country (regional organisation)": 1}
    assert ledger.stats(SRC, VCCR).out_of_scope == {"country outside the dashboard's scope": 2}  # Albania, Holy See
    assert not {"AFG", "CHN", "UKR", "ALB", "VAT"} & set(treaties["country_iso3"])


def test_a_malformed_date_is_quarantined_with_a_reason(run, treaties):
    _, ledger = run
    st = ledger.stats(SRC, TIP_2023)
    assert (st.read, st.loaded, st.duplicates) == (18, 7, 1)
    assert st.quarantined == {
        "malformed ratification or accession date": 2,  # Brazil's 31 Feb 2004, Colombia's unknown code "x"
        "conflicting duplicate: same key with different values": 2,  # Guatemala twice, two dates
        "date after the status's as-of date": 1,  # St. Lucia's 2024 accession in a May 2023 status
        "neither a signature nor a ratification date": 1,
    }
    q = ledger.quarantine_frame()
    bra = q[(q["source_file"] == TIP_2023) & (q["record_key"] == "Brazil")].iloc[0]
    assert bra["line"] == 6 and bra["reason"] == "malformed ratification or accession date"
    assert json.loads(bra["raw_values"])["Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"] == "31 Feb 2004"
    assert ledger.stats(SRC, TIP_2014).quarantined == {"participant name and iso3_added disagree": 1}  # Chile as CHN
    assert ledger.stats(SRC, VCCR).quarantined == {"date before 1945": 1}
    # a quarantined row is no "no action": the country has no 2023 status at all
    latest = treaties[treaties["source_file"] == TIP_2023]
    assert not {"BRA", "COL", "GTM", "LCA", "VEN"} & set(latest["country_iso3"])


def test_an_unknown_participant_name_stops_the_no_action_rows(run, treaties):
    _, ledger = run
    assert ledger.stats(SRC, SMUGGLING).quarantined == {"unknown participant name": 1}  # Narnia
    smuggling = treaties[treaties["treaty_code"] == "smuggling_protocol"]
    # Narnia might be a country of the dashboard: nobody is called "no action" from that table
    assert set(smuggling["status"]) == {"state party", "signatory state"}
    assert set(smuggling["country_iso3"]) == {"ARG", "BRB", "MEX"}


def test_the_2023_trafficking_status_is_the_latest(values):
    tip = values.xs("treaty_trafficking_protocol_party", level="indicator_code")
    # one value per country and year, from the newest status that covers the country
    assert tip.index.is_unique
    arg = tip.loc["ARG"]
    assert arg.index.max() == 2023 and set(arg["status_as_of"]) == {D("2023-05-11")}
    assert (arg.loc[2001, "value"], arg.loc[2002, "value"]) == (0, 1)
    # Barbados: signatory in January 2014, party from November 2014 in the 2023 status, which wins
    brb = tip.loc["BRB"]
    assert (brb.loc[2013, "value"], brb.loc[2014, "value"], brb.loc[2023, "value"]) == (0, 1, 1)
    assert set(brb["source_file"]) == {TIP_2023}
    # Brazil's 2023 row is quarantined: its series is the January 2014 status's, dated so, up to 2014
    bra = tip.loc["BRA"]
    assert bra.index.max() == 2014 and set(bra["status_as_of"]) == {D("2014-01-27")}
    assert bra.loc[2004, "value"] == 1 and set(bra["source_file"]) == {TIP_2014}
    # absent from the 2023 table: 0 every year to 2023
    assert tip.loc["USA", "value"].eq(0).all() and tip.loc["USA"].index.max() == 2023


def test_values_stop_at_the_year_of_their_status(values):
    v = values.reset_index()
    last = v.groupby("indicator_code")["year"].max().to_dict()
    assert last == {"treaty_trafficking_protocol_party": 2023, "treaty_icmw_party": 2023,
                    "treaty_smuggling_protocol_party": 2014, "treaty_vccr_party": 2014,
                    "treaty_statelessness_1954_party": 2015, "treaty_statelessness_1961_party": 2015}
    assert (v["year"] <= pd.to_datetime(v["status_as_of"]).dt.year).all()
    assert v["year"].min() == 1990 and values.index.is_unique
    # no indicator for UNTOC and the refugee instruments (kept in the treaty table only)
    assert not {"treaty_untoc_party", "treaty_refugee_convention_1951_party"} & set(last)
    s = values.xs(("ARG", "treaty_statelessness_1961_party"), level=["country_iso3", "indicator_code"])["value"]
    assert (s.loc[2013], s.loc[2014], s.loc[2015]) == (0, 1, 1)


def test_a_semicolon_header_with_commas_in_its_names_is_split_on_semicolons():
    header = "Participant;Signature;Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d);ATTR_ENDPOINT"
    assert readers.sniff_separator(header) == ","  # the commas outnumber the semicolons
    assert readers.sniff_separator(header, ["Participant", "Signature"]) == ";"
    assert readers.sniff_separator("a,b;c", ["a"]) == ","


def test_missing_required_column_raises(fixtures, ledger, tmp_path):
    folder = tmp_path / SRC
    shutil.copytree(fixtures / SRC, folder)
    text = (folder / VCCR).read_text(encoding="utf-8").replace("Signature", "Signed", 1)
    (folder / VCCR).write_text(text, encoding="utf-8")
    with pytest.raises(EtlError, match="'Signature'"):
        untc.run(folder, ledger)
