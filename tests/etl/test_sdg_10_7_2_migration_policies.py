"""SDG 10.7.2 migration policies on a hand-written fixture in the native DDF layout (M49 codes, domain codes, N)."""
import pandas as pd

from tests.etl.harness import sql_source
from common.paths import snapshots_dir

policies = sql_source("sdg-10-7-2-migration-policies")


def test_scores_load_per_domain_and_every_row_is_accounted(fixtures, ledger):
    out = policies.run(fixtures / "sdg-10-7-2-migration-policies", ledger)
    values = out["values"].set_index(["country_iso3", "indicator_code", "year"])["value"]
    assert values[("ARG", "sdg1072_all_domains", 2019)] == 3
    assert values[("ARG", "sdg1072_migrant_rights", 2019)] == 3
    assert values[("ARG", "sdg1072_cooperation", 2021)] == 4
    assert values[("MEX", "sdg1072_all_domains", 2019)] == 1
    # Canada is in the dashboard's scope; its exact duplicate row loads once
    assert values[("CAN", "sdg1072_whole_of_government", 2021)] == 4
    st = ledger.stats("sdg-10-7-2-migration-policies", "sg_cpa_migrs_lac.csv")
    assert (st.read, st.loaded, st.duplicates) == (19, 7, 1)
    assert st.out_of_scope == {"country outside the dashboard's scope": 1}
    assert st.quarantined == {
        "score outside the levels 1-4": 2,
        "conflicting duplicate: same key with different values": 2,
        "no score (N or missing marker in source)": 1,
        "unknown or aggregate M49 area code, not a country": 1,
        "unknown policy domain": 1,
        "not country-reported data (nature is not c)": 1,
        "impossible or non-numeric year": 1,
        "non-numeric score": 1,
    }
    assert st.balanced


def test_a_country_that_did_not_answer_has_no_row_never_a_zero(fixtures, ledger):
    values = policies.run(fixtures / "sdg-10-7-2-migration-policies", ledger)["values"]
    # Cuba is not in the file; Bolivia's only row says N; Belize's only row is not a level
    assert not values["country_iso3"].isin(["CUB", "BOL", "BLZ"]).any()
    assert values["value"].between(1, 4).all() and (values["value"] % 1 == 0).all()
    assert set(values["country_iso3"]) == {"ARG", "MEX", "CAN"}


def test_a_score_outside_1_to_4_is_quarantined_with_its_reason(fixtures, ledger):
    policies.run(fixtures / "sdg-10-7-2-migration-policies", ledger)
    q = ledger.quarantine_frame().set_index("record_key")
    assert q.loc["484|domain6|2021", "reason"] == "score outside the levels 1-4"
    assert q.loc["84|domain1|2021", "reason"] == "score outside the levels 1-4"
    assert q.loc["68|domain5|2021", "reason"] == "no score (N or missing marker in source)"


def test_the_snapshot_covers_the_17_lac_countries_that_answered(ledger):
    values = policies.run(snapshots_dir() / "sdg-10-7-2-migration-policies", ledger)["values"]
    st = ledger.stats("sdg-10-7-2-migration-policies", "sg_cpa_migrs_lac.csv")
    assert (st.read, st.loaded) == (203, 203)
    lac = set(values["country_iso3"]) - {"CAN"}
    assert len(lac) == 17 and "USA" not in set(values["country_iso3"])
    years = values.groupby("year")["country_iso3"].nunique()
    assert years.to_dict() == {2019: 15, 2021: 14}  # with Canada in both rounds
    assert values["indicator_code"].nunique() == 7
    # two rounds only: a country answers in neither, one or both, and a missing round stays missing
    assert not ((values["country_iso3"] == "BRA") & (values["year"] == 2021)).any()
    assert pd.api.types.is_float_dtype(values["value"])


def test_indicator_objectives_lists_each_policy_domain_with_its_main_objective():
    from common.countries import reference

    main = reference("indicators").set_index("indicator_code")["objective_id"]
    listed = reference("indicator_objectives")
    assert not listed.duplicated().any()
    for code, rows in listed.groupby("indicator_code"):
        assert main[code] in set(rows["objective_id"]), code
    by_code = listed.groupby("indicator_code")["objective_id"].apply(lambda s: sorted(map(int, s)))
    assert by_code["sdg1072_cooperation"] == [23]
    assert by_code["sdg1072_safe_orderly_regular"] == [5, 9, 10, 11, 21]
    assert len(by_code) == 7
