"""Categorical source values in the reader's language, with the source's own text kept where asked."""
from __future__ import annotations

import pandas as pd
import pytest

from gcm.categories import in_reader_language, label_of, unlabelled

HARSH = "Harsh environmental conditions / lack of adequate shelter, food, water"
CATEGORIES = pd.DataFrame([
    ("missing_migrants_cause", "Drowning", "Drowning", "Ahogamiento", "Afogamento"),
    ("missing_migrants_cause", "Violence", "Violence", "Violencia", "Violência"),
    ("missing_migrants_cause", HARSH, HARSH, "Condiciones ambientales adversas", "Condições ambientais adversas"),
    ("missing_migrants_route", "Central American Route", "Central American route", "Ruta centroamericana",
     "Rota centro-americana"),
], columns=["kind", "source_text", "label_en", "label_es", "label_pt"])
ES = {"Drowning": "Ahogamiento", "Violence": "Violencia", HARSH: "Condiciones ambientales adversas"}


@pytest.mark.parametrize("value, label", [
    ("Drowning", "Ahogamiento"),
    ("Drowning,Violence", "Ahogamiento; Violencia"),  # the source joins several causes with a comma
    (f"{HARSH},Violence", "Condiciones ambientales adversas; Violencia"),  # one cause has commas of its own
    (f"Violence,{HARSH}", "Violencia; Condiciones ambientales adversas"),
    ("Drowning,Falling", "Drowning,Falling"),  # an unknown part: the source's text, never half a translation
    (None, None),
])
def test_a_value_or_a_run_of_values_gets_its_labels(value, label):
    assert label_of(value, ES) == label


def test_unlabelled_lists_what_has_no_label():
    assert unlabelled(["Drowning", "Drowning,Violence", f"{HARSH},Drowning", "Falling", "Violence,Falling", None],
                      ES) == ["Falling", "Violence,Falling"]


def test_incidents_in_portuguese_keep_the_sources_text_beside_for_downloads():
    incidents = pd.DataFrame({"cause": ["Drowning,Violence", "Falling"], "route": ["Central American Route", None],
                              "location": ["Darién", "X"]})
    shown = in_reader_language(incidents, CATEGORIES, "pt", keep_source=True)
    assert shown["cause"].tolist() == ["Afogamento; Violência", "Falling"]
    assert shown["route"].tolist()[0] == "Rota centro-americana" and pd.isna(shown["route"].tolist()[1])
    assert shown["cause_source"].tolist() == ["Drowning,Violence", "Falling"]
    assert shown["route_source"].tolist()[0] == "Central American Route"
    assert shown["location"].tolist() == ["Darién", "X"]  # free text is never translated
    assert "cause_source" not in in_reader_language(incidents, CATEGORIES, "pt").columns
    assert incidents["cause"].tolist()[0] == "Drowning,Violence"  # input unchanged
