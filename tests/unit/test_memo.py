"""Results shared across sessions: built once per distinct input, never mixed up, cheap to send again."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import plotly.tools
import pydeck as pdk

from gcm.memo import frozen, shared

calls: list[int] = []


@shared
def total(frame: pd.DataFrame, label: str) -> str:
    calls.append(1)
    return f"{label}: {frame['value'].sum():g}"


def test_the_same_input_is_built_once_and_a_different_one_again():
    calls.clear()
    frame = pd.DataFrame({"value": [1.0, 2.0, 3.0]})
    assert total(frame, "sum") == "sum: 6"
    assert total(frame.copy(), "sum") == "sum: 6"
    assert len(calls) == 1
    assert total(frame, "Summe") == "Summe: 6"
    changed = frame.assign(value=[1.0, 2.0, 4.0])
    assert total(changed, "sum") == "sum: 7"
    assert len(calls) == 3


def test_large_frames_that_differ_in_one_row_are_not_confused():
    # Streamlit's own hasher samples frames of 50,000 rows or more; two such frames differing in one
    # row outside the sample would share a chart.
    big = pd.DataFrame({"value": np.ones(200_000), "code": ["COL"] * 200_000})
    other = big.copy()
    other.loc[123_457, "value"] = 5.0
    assert total(big, "n") == "n: 200000"
    assert total(other, "n") == "n: 200004"


def test_text_and_missing_values_count_in_the_key():
    a = pd.DataFrame({"value": pd.array([1, None], dtype="Int64"), "note": ["x", "y"]})
    b = pd.DataFrame({"value": pd.array([1, 2], dtype="Int64"), "note": ["x", "y"]})
    c = pd.DataFrame({"value": pd.array([1, None], dtype="Int64"), "note": ["x", "z"]})
    assert len({total(a, "k"), total(b, "k")}) == 2
    calls.clear()
    total(c, "k")
    assert calls == [1]


@shared
def joined(codes: np.ndarray) -> str:
    calls.append(2)
    return ",".join(map(str, codes))


def test_arrays_of_text_are_keyed_on_their_values_not_their_objects():
    calls.clear()
    # Equal text in distinct string objects: one key (an object array's raw bytes are pointers).
    first = np.array(["".join(["C", "OL"]), "".join(["P", "ER"])], dtype=object)
    second = np.array(["".join(["CO", "L"]), "".join(["PE", "R"])], dtype=object)
    assert joined(first) == joined(second) == "COL,PER"
    assert calls == [2]
    assert joined(np.array(["MEX", "GTM"], dtype=object)) == "MEX,GTM"


def _sent(fig: go.Figure) -> str:
    """What st.plotly_chart sends for a figure (Streamlit 1.67's two calls)."""
    return pio.to_json(plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True), validate=False)


def test_a_frozen_figure_sends_exactly_what_it_would_have():
    fig = go.Figure(go.Scatter(x=np.arange(5), y=np.arange(5) ** 2, name="COL"))
    fig.update_layout(title="Víctimas", height=420)
    before = _sent(fig)
    assert _sent(frozen(fig)) == before
    assert _sent(fig) == before  # and again


def test_a_copy_of_a_frozen_figure_can_be_changed_without_changing_it():
    fig = frozen(go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h")))
    before = _sent(fig)
    mine = go.Figure(fig)
    mine.add_trace(go.Scatter(x=[1], y=["a"]))
    mine.update_layout(height=111)
    assert _sent(fig) == before
    assert '"height":111' in _sent(mine)


def test_a_frozen_deck_serialises_once():
    deck = pdk.Deck(layers=[pdk.Layer("ScatterplotLayer", data=[{"x": 1}])], map_provider=None)
    text = deck.to_json()
    assert frozen(deck).to_json() == text
