"""The two group pickers say what they do and do different things: the sidebar's adds a group's member
countries to the selection, the compare page's compares the group as one figure (its members' median)."""
from __future__ import annotations

from tests.app.conftest import open_page


def test_the_sidebar_picker_adds_members_and_the_compare_picker_compares_the_group_as_one(db_env):
    at = open_page("compare", indicator="glotip_victims_rate", years="2015-2021")
    assert not at.exception
    sidebar, compare = at.selectbox(key="w_group"), at.multiselect(key="w_cmp_groups")
    assert sidebar.label != compare.label
    assert sidebar.label == "Add a group's countries" and "median" in compare.label
    assert "each is shown on its own" in sidebar.help and "median of its member countries" in compare.help
    # The placeholders ask for a choice; they do not read like a chosen value.
    assert sidebar.placeholder == "Choose a group to add…" and compare.placeholder == "Choose groups…"
    assert at.multiselect(key="w_countries").placeholder.startswith("None chosen")

    sidebar.set_value("can").run()  # the Andean Community: its four members join the countries
    assert not at.exception
    assert at.multiselect(key="w_countries").value == ["BOL", "COL", "ECU", "PER"]
    assert at.query_params["countries"] == "BOL,COL,ECU,PER" and "groups" not in at.query_params
    assert at.selectbox(key="w_group").value is None  # ready for another group

    at.multiselect(key="w_countries").set_value([]).run()
    at.multiselect(key="w_cmp_groups").set_value(["can", "mercosur"]).run()
    assert not at.exception
    assert at.query_params["groups"] == "can,mercosur" and "countries" not in at.query_params
    assert at.multiselect(key="w_countries").value == []  # the group stays one entity, its members are not added
    shown = at.dataframe[0].value
    assert len(shown) == 2 and shown.iloc[:, 0].str.contains("Andean Community").any()
