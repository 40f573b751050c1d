"""GCM objectives and actions (A/RES/73/195 via iomeval) on a hand-written fixture and on the snapshot."""
from tests.etl.harness import sql_source
from common.paths import snapshots_dir

gcm = sql_source("gcm-objectives")

OBJECTIVE_10 = "Prevent, combat and eradicate trafficking in persons in the context of international migration"


def test_titles_load_with_their_citation_and_every_row_is_accounted(fixtures, ledger):
    out = gcm.run(fixtures / "gcm-objectives", ledger)
    objectives = out["objectives"].set_index("objective_id")
    assert objectives.loc[10, "official_title_en"] == OBJECTIVE_10
    assert objectives.loc[10, "official_citation_en"] == "A/RES/73/195, annex, para. 16"
    assert objectives.loc[10, "commitment_citation_en"] == "A/RES/73/195, annex, para. 26"
    assert objectives.loc[10, "commitment_citation_es"] == "A/RES/73/195, anexo, párr. 26"
    # the source is English only: no Spanish or Portuguese title is made up
    assert objectives["official_title_es"].isna().all() and objectives["official_title_pt"].isna().all()
    # a commitment cell left empty is no text, not an empty text
    assert objectives["commitment_en"].isna()[23]
    st = ledger.stats("gcm-objectives", "gcm_objectives.csv")
    assert (st.read, st.loaded, st.duplicates) == (6, 3, 1)
    assert st.quarantined == {
        'title differs from A/RES/73/195, which reads "migration detention", not "immigration detention"': 1,
        "not a GCM objective number (1-23)": 1,
    }
    assert st.balanced


def test_the_known_wrong_title_of_objective_13_is_quarantined_not_corrected(fixtures, ledger):
    out = gcm.run(fixtures / "gcm-objectives", ledger)
    assert 13 not in set(out["objectives"]["objective_id"])
    q = ledger.quarantine_frame()
    row = q[(q["source_file"] == "gcm_objectives.csv") & (q["record_key"] == "13")].iloc[0]
    assert "immigration detention" in row["raw_values"]


def test_actions_load_by_objective_and_letter(fixtures, ledger):
    actions = gcm.run(fixtures / "gcm-objectives", ledger)["objective_actions"].set_index(["objective_id", "action_letter"])
    assert actions.loc[(1, "b"), "citation_en"] == "A/RES/73/195, annex, para. 17 (b)"
    # the resolution's footnote mark the parser glued to "Agreement" is dropped, the years kept
    assert "Paris Agreement and the Sendai Framework for Disaster Risk Reduction 2015-2030." in actions.loc[(2, "a"), "action_en"]
    assert actions["action_es"].isna().all()
    st = ledger.stats("gcm-objectives", "gcm_objective_actions.csv")
    assert (st.read, st.loaded) == (9, 4)
    assert st.quarantined == {
        "conflicting duplicate: same key with different values": 2,
        "not an action letter (a-z)": 1,
        "not a GCM objective number (1-23)": 1,
        "empty action text": 1,
    }
    assert st.balanced


def test_the_snapshot_has_the_official_titles_of_22_objectives(ledger):
    out = gcm.run(snapshots_dir() / "gcm-objectives", ledger)
    titles = out["objectives"].set_index("objective_id")["official_title_en"]
    assert titles[10] == OBJECTIVE_10
    assert titles[23] == "Strengthen international cooperation and global partnerships for safe, orderly and regular migration"
    assert sorted(titles.index) == [i for i in range(1, 24) if i != 13]
    actions = out["objective_actions"]
    assert len(actions) == 187 and actions.groupby("objective_id").size()[22] == 3
    assert not actions["action_en"].str.contains(r"[a-z]\d\s", regex=True).any()
