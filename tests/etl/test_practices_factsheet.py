"""Practices fact sheet models on hand-written fixtures in the source's format.

The fixtures copy the real file's forms of countries_iso3 (beneficiaries, operating in,
regional lists with later members, origin lists, cut-short lists, body names), its CRLF line
ends and quoted fields with commas and semicolons, plus one row per kind of defect.
"""
import json

import pandas as pd
import pytest

from tests.etl.harness import sql_source
from common.errors import EtlError

SOURCE = "practices-factsheet"
practices_factsheet = sql_source(SOURCE)


@pytest.fixture
def out(fixtures, ledger):
    return practices_factsheet.run(fixtures / SOURCE, ledger)


def _reasons(ledger, file):
    q = ledger.quarantine_frame()
    q = q[q["source_file"] == file]
    return dict(zip(q["record_key"], q["reason"]))


def test_practice_fields(out):
    p = out["practices"].set_index("practice_id")
    assert len(p) == 16
    p01 = p.loc["P01"]
    assert p01["title"] == "Colombia temporary protection statute"
    assert p01["year_start"] == 2021
    assert p01["primary_objective_id"] == 4
    assert p01["practice_status"] == "ongoing (10-year horizon; deadlines not verified)"
    assert p01["actors"] == "Ministry, Directorate; Office"  # quoted field kept whole
    assert p01["source_urls"] == "https://a.example/x ; https://b.example/y"
    assert (p01["status"], p01["language"], p01["level"]) == ("published", "en", "national")
    # trailing space in the cell is not part of the title
    assert p.loc["P15", "title"] == "Forensic data banks"
    # "unverified" and blank start years are kept as unknown, not quarantined
    assert pd.isna(p.loc["P23", "year_start"])
    assert pd.isna(p.loc["P49", "year_start"])
    assert p.loc["P34", "countries_text"] == "regional: ARG;BOL;DOM... (+ESP;AND)"
    assert p.loc["P56", "primary_objective_id"] == 13


def test_practice_levels(out):
    level = out["practices"].set_index("practice_id")["level"]
    assert level["P31"] == "regional"  # regional: prefix
    assert level["P15"] == "regional"  # four implementing countries
    assert level["P11"] == "national"  # one implementer, beneficiaries in parentheses
    assert level["P25"] == "subnational"
    assert level["P21"] == "subnational"  # national and subnational government actors
    assert level["P57"] == "regional"  # body without listed members


def test_practice_country_roles(out):
    pc = out["practice_countries"]
    roles = {(r.practice_id, r.country_iso3): r.role for r in pc.itertuples()}
    assert roles[("P04", "BRA")] == "implementer"
    assert roles[("P04", "HTI")] == "beneficiary"
    assert roles[("P20", "USA")] == "operating_in"
    assert roles[("P11", "GTM")] == "beneficiary"  # "users mainly GTM;HND;SLV"
    assert roles[("P13", "HND")] == "partner"  # "with GTM;HND;SLV and others"
    assert roles[("P15", "USA")] == "partner"  # "(and USA)"
    assert roles[("P49", "CRI")] == "partner"  # "coordinated with CRI"
    assert {c for (p, c) in roles if p == "P23"} == {"MEX", "GTM", "BLZ", "SLV", "HND"}
    assert roles[("P23", "SLV")] == "beneficiary"  # "for GTM;BLZ; later SLV;HND"
    assert roles[("P31", "ECU")] == "member"  # "(later COL;ECU;PER)"
    assert {c for (p, c) in roles if p == "P34"} == {"ARG", "BOL", "DOM", "ESP", "AND"}
    assert roles[("P54", "HND")] == "member"  # named as member and origin: first role kept
    assert roles[("P54", "VEN")] == "origin"
    assert {c for (p, c) in roles if p == "P56"} == {"ARG", "BRA", "PRY", "URY"}
    assert roles[("P56", "ARG")] == "requester"
    assert {c for (p, c) in roles if p == "P58"} == {"ARG", "CAN", "USA"}
    # "regional: OAS / IACHR" names a body, no countries; "(Michoacán)" is not a code
    assert not (pc["practice_id"] == "P57").any()
    assert pc.loc[pc["practice_id"] == "P25", "country_iso3"].tolist() == ["MEX"]
    assert not pc.duplicated(["practice_id", "country_iso3"]).any()


def test_practice_objectives_and_rationales(out):
    po = out["practice_objectives"].set_index(["practice_id", "objective_id"])
    assert po.loc[("P01", 4), "rationale"] == "registers Venezuelans; issues the PPT, an identity document"
    assert po.loc[("P01", 5), "rationale"] == "10-year bridge to a resident visa"
    assert bool(po.loc[("P01", 4), "is_primary"]) and not bool(po.loc[("P01", 5), "is_primary"])
    # "14/21: ..." explains both objectives
    assert po.loc[("P25", 14), "rationale"] == po.loc[("P25", 21), "rationale"]
    assert po.loc[("P25", 19), "rationale"] == "diaspora links"
    assert po.loc[("P34", 10), "rationale"] == "joint prosecution"
    # objective order is kept: 21 first for P21 ("21;4")
    assert bool(po.loc[("P21", 21), "is_primary"]) and not bool(po.loc[("P21", 4), "is_primary"])
    assert out["practice_objectives"].groupby("practice_id")["is_primary"].sum().eq(1).all()


def test_bad_practice_rows_are_quarantined_with_reasons(out, ledger):
    assert _reasons(ledger, "practices.csv") == {
        "P7": "bad practice id (expected P01, P02...)",
        "P41": "missing short_name (title)",
        "P42": "GCM objective number outside 1-23 or not a number",
        "P44": "no GCM objective",
        "P45": "unknown country code in countries_iso3",
        "P46": "impossible or non-numeric year_start",
        "P47": "unreadable countries_iso3 list",
        "P48": "pseudo-code in countries_iso3: no country to attribute to",
        "P40": "conflicting duplicate: same key with different values",
    }
    st = ledger.stats(SOURCE, "practices.csv")
    assert (st.read, st.loaded, st.duplicates, st.quarantined_total) == (27, 16, 1, 10)
    assert st.balanced
    ids = set(out["practices"]["practice_id"])
    assert not ids & {"P7", "P40", "P41", "P42", "P44", "P45", "P46", "P47", "P48"}
    assert not out["practice_countries"]["practice_id"].isin(["P45", "P48"]).any()
    q = ledger.quarantine_frame()
    p45 = q[q["record_key"] == "P45"].iloc[0]
    assert json.loads(p45["raw_values"])["countries_iso3"] == "ARG;XYZ"
    assert p45["line"] == 25


def test_endorsement_votes(out):
    e = out["gcm_endorsement"].set_index("country_iso3")
    assert set(e.index) == {"ARG", "BLZ", "BRA", "CHL", "DOM", "VEN", "URY"}
    # "in favour (inferred: not among the 5 against, 12 abstaining ...)" is in favour
    assert e.loc["ARG", "vote_code"] == "in_favour"
    assert e.loc["ARG", "unga_73_195_vote"].startswith("in favour (inferred: not among the 5 against")
    assert e.loc["VEN", "vote_code"] == "in_favour"
    assert e.loc["CHL", "vote_code"] == "abstained"
    assert e.loc["DOM", "vote_code"] == "not_voting"
    assert e.loc["BRA", "later_changes"].startswith("withdrew: Foreign Ministry telegram")


def test_gcm_endorsed_by_year(out):
    v = out["values"]
    assert set(v["indicator_code"]) == {"gcm_endorsed"}
    assert not v.duplicated(["country_iso3", "indicator_code", "year"]).any()
    assert v["value_flag"].isna().all() and v["months_covered"].isna().all()
    s = v.set_index(["country_iso3", "year"])["value"]
    years = range(2018, 2026)
    assert [s[("BRA", y)] for y in years] == [1, 0, 0, 0, 0, 1, 1, 1]
    assert [s[("ARG", y)] for y in years] == [1] * 8
    assert [s[("CHL", y)] for y in years] == [0] * 8
    assert [s[("DOM", y)] for y in years] == [0] * 8
    # Belize's note on the 2022 Los Angeles Declaration is not a GCM endorsement
    assert [s[("BLZ", y)] for y in years] == [0] * 8
    # a withdrawal dated in the vote's year overrides the vote; rejoining counts from its year
    assert [s[("URY", y)] for y in years] == [0, 0, 0, 1, 1, 1, 1, 1]
    assert len(v) == 7 * 8


def test_bad_endorsement_rows_are_quarantined_with_reasons(out, ledger):
    assert _reasons(ledger, "gcm-endorsement.csv") == {
        "XYZ": "unknown country code",
        "ESP": "country outside the dashboard's scope",
        "MEX": "unrecognised vote text",
        "PAN": "later_changes not understood",
        "PER": "conflicting duplicate: same key with different values",
    }
    st = ledger.stats(SOURCE, "gcm-endorsement.csv")
    assert (st.read, st.loaded, st.duplicates, st.quarantined_total) == (14, 7, 1, 6)
    assert st.balanced
    assert not out["values"]["country_iso3"].isin(["PER", "PAN", "MEX", "ESP", "XYZ"]).any()


@pytest.mark.parametrize(
    ("file", "column"),
    [("practices.csv", "gcm_objectives"), ("gcm-endorsement.csv", "unga_73_195_vote")],
)
def test_missing_required_column_raises(fixtures, ledger, tmp_path, file, column):
    for name in practices_factsheet.FILES:
        text = (fixtures / SOURCE / name).read_text(encoding="utf-8")
        if name == file:
            text = text.replace(column, "renamed_column", 1)
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(EtlError, match=column):
        practices_factsheet.run(tmp_path, ledger)


def test_missing_file_raises(fixtures, ledger, tmp_path):
    text = (fixtures / SOURCE / "practices.csv").read_text(encoding="utf-8")
    (tmp_path / "practices.csv").write_text(text, encoding="utf-8")
    with pytest.raises(EtlError, match="gcm-endorsement.csv"):
        practices_factsheet.run(tmp_path, ledger)


def test_every_practice_of_the_fact_sheet_has_the_dashboards_spanish_and_portuguese_text():
    """The translations cover the real fact sheet (the snapshot), keep original-language names, and say whose they are."""
    from common.paths import REFERENCE_DIR, snapshots_dir

    sheet = pd.read_csv(snapshots_dir() / SOURCE / "practices.csv", dtype=str)
    tr = pd.read_csv(REFERENCE_DIR / "practice_translations.csv", dtype=str, keep_default_na=False)
    assert not tr.duplicated(["practice_id", "lang"]).any()
    assert set(zip(tr["practice_id"], tr["lang"])) == {(p, lang) for p in sheet["id"] for lang in ("es", "pt")}
    assert (tr["title"].str.strip() != "").all() and (tr["summary"].str.strip() != "").all()
    assert set(tr["translated_by"]) == {"dashboard"}
    title = tr.set_index(["practice_id", "lang"])["title"]
    for lang in ("es", "pt"):
        assert "Operação Acolhida" in title["P03", lang]
        assert "Estatuto Temporal de Protección" in title["P01", lang]
    summary = tr.set_index(["practice_id", "lang"])["summary"]
    # Facts carried over as written: dates, numbers and instrument names.
    assert "1 de marzo de 2021" in summary["P01", "es"] and "Resolución 971" in summary["P01", "pt"]
    assert "12 765" in summary["P53", "es"] and "12.765" in summary["P53", "pt"]
