"""Validation of a practice record: the same rules for the form and for ingested files."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from practices.record import REF_PATTERN, check, likely_duplicate, reference_for

VALID = {
    "title": "Programa de regularización", "summary": "Regulariza a personas venezolanas.",
    "countries": "COL", "objectives": "4;7", "actor": "Migración Colombia", "actor_type": "government (national)",
    "year_start": "2021", "links": "https://example.org/a", "contact_email": "ana@example.org", "language": "es",
}
TODAY = date(2026, 11, 22)


def errors(**changes):
    return {(e.field, e.code) for e in check({**VALID, **changes}, today=TODAY).errors}


def test_a_valid_row_gives_a_clean_record():
    rec = check(VALID, today=TODAY).record
    assert rec["countries"] == ["COL"] and rec["objectives"] == [4, 7] and rec["year_start"] == 2021
    assert rec["actor_type"] == "government_national" and rec["level"] == "national" and rec["consent"] is None


@pytest.mark.parametrize("changes, expected", [
    ({"title": ""}, ("title", "required")),
    ({"title": "x" * 201}, ("title", "too_long")),
    ({"summary": "a\x00b"}, ("summary", "control_chars")),
    ({"countries": "Narnia"}, ("countries", "unknown_country")),
    ({"countries": "UNK"}, ("countries", "unknown_country")),  # a pseudo-code names no country
    ({"countries": ";".join(["COL"] * 31)}, ("countries", "too_many")),
    ({"objectives": "24"}, ("objectives", "bad_objective")),
    ({"objectives": "ten"}, ("objectives", "bad_objective")),
    ({"year_start": "20x1"}, ("year_start", "bad_year")),
    ({"year_start": "3020"}, ("year_start", "year_range")),
    ({"year_start": "2020", "year_end": "2019"}, ("year_end", "year_order")),
    ({"contact_email": "not-an-address"}, ("contact_email", "bad_email")),
    ({"links": "javascript:alert(1)"}, ("links", "bad_link")),
    ({"language": "fr"}, ("language", "bad_choice")),
    ({"actor_type": "alien"}, ("actor_type", "bad_choice")),
    ({"consent": "no"}, ("consent", "no_consent")),
    ({"consent": "maybe"}, ("consent", "bad_consent")),
])
def test_each_bad_field_is_named_with_its_reason(changes, expected):
    assert expected in errors(**changes)


def test_every_problem_is_reported_at_once():
    found = errors(title="", countries="Narnia", objectives="99", contact_email="x")
    assert {f for f, _ in found} == {"title", "countries", "objectives", "contact_email"}


def test_names_in_three_languages_and_labels_in_three_languages_are_understood():
    rec = check({**VALID, "countries": "Perú; Colômbia; Mexico", "actor_type": "Sociedad civil",
                 "language": "Português", "practice_status": "en curso", "consent": "sí",
                 "guiding_principles": "Derechos humanos; child_sensitive"}, today=TODAY).record
    assert rec["countries"] == ["PER", "COL", "MEX"] and rec["level"] == "regional"
    assert rec["actor_type"] == "civil_society" and rec["language"] == "pt" and rec["consent"] is True
    assert rec["practice_status"] == "ongoing" and rec["guiding_principles"] == ["human_rights", "child_sensitive"]


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "**bold** [link](javascript:alert(1))", "'; DROP TABLE practices; --",
    "=HYPERLINK(\"http://evil\")", "مرحبا بالعالم ‏RTL‏", "emoji 🌎🏳️‍🌈", "Zalgo z̷̢͓a̶l̸g̵o", "Migração",
])
def test_unusual_text_is_kept_exactly_as_written(text):
    assert check({**VALID, "title": text, "summary": text}, today=TODAY).record["title"] == text


def test_consent_is_required_by_the_form():
    assert ("consent", "no_consent") in {(e.field, e.code) for e in check(VALID, require_consent=True).errors}
    assert check({**VALID, "consent": True}, require_consent=True).ok


def test_references_look_alike_and_a_file_row_always_gets_the_same_one():
    rec = check(VALID, today=TODAY).record
    assert REF_PATTERN.match(reference_for()) and reference_for() != reference_for()
    assert reference_for(rec) == reference_for(dict(rec)) != reference_for({**rec, "title": "Other"})


def test_likely_duplicates_ignore_accents_case_and_punctuation_but_need_a_shared_country():
    known = pd.DataFrame({"practice_id": ["P01"], "title": ["Programa de Regularización (PEP)"],
                          "countries": [["COL"]]})
    assert likely_duplicate("programa de regularizacion pep", ["COL"], known) == "P01"
    assert likely_duplicate("PROGRAMA DE REGULARIZACIÓN – PEP.", ["COL", "PER"], known) == "P01"
    assert likely_duplicate("programa de regularizacion pep", ["PER"], known) is None
    assert likely_duplicate("Mesa de integración local", ["COL"], known) is None
