"""The one cache: a view model is built once per arguments and warehouse build, and shared by every session."""
from __future__ import annotations

import os

import pytest
import streamlit as st

from gcm.cache import view_model

calls: list[tuple] = []


def headline(country: str, years: tuple[int, int]) -> dict:
    calls.append(("headline", country, years))
    return {"country": country, "years": years}


def ranking(country: str, years: tuple[int, int]) -> dict:
    calls.append(("ranking", country, years))
    return {"ranked": country}


@pytest.fixture
def warehouse(tmp_path, monkeypatch):
    """A file standing for the warehouse: its build key is its inode and modification time."""
    db = tmp_path / "gcm.duckdb"
    db.write_text("build 1")
    monkeypatch.setenv("GCM_DB_PATH", str(db))
    st.cache_resource.clear()
    calls.clear()
    return db


def test_the_same_filters_give_every_session_the_one_model_built_once(warehouse):
    cached = view_model(headline)
    first = cached("COL", (2015, 2023))
    assert cached("COL", (2015, 2023)) is first
    assert cached("MEX", (2015, 2023)) == {"country": "MEX", "years": (2015, 2023)}
    assert calls == [("headline", "COL", (2015, 2023)), ("headline", "MEX", (2015, 2023))]


def test_a_rebuilt_warehouse_builds_the_model_again(warehouse):
    cached = view_model(headline)
    before = cached("COL", (2015, 2023))
    rebuilt = warehouse.with_name("new.duckdb")
    rebuilt.write_text("build 2")
    os.replace(rebuilt, warehouse)  # as `python -m etl build` swaps a new file in
    after = cached("COL", (2015, 2023))
    assert after == before and after is not before
    assert len(calls) == 2


def test_two_models_with_the_same_arguments_are_kept_apart(warehouse):
    assert view_model(headline)("PER", (2018, 2024)) == {"country": "PER", "years": (2018, 2024)}
    assert view_model(ranking)("PER", (2018, 2024)) == {"ranked": "PER"}


def test_a_model_keyed_on_another_version_is_rebuilt_when_that_changes(warehouse):
    version = ["store 1"]
    cached = view_model(ranking, lambda: version[0])
    first = cached("GTM", (2014, 2025))
    assert cached("GTM", (2014, 2025)) is first
    version[0] = "store 2"  # a practice was published
    assert cached("GTM", (2014, 2025)) is not first
    assert len(calls) == 2
