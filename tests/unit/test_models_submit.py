"""The submit page's view model: the form's labels and choices, the messages of a check, the rate limit."""
from __future__ import annotations

import pytest

from practices import record as practice_record
from gcm.i18n import t
from gcm.models.submit import form_record, submit_attempt, submit_form

NOW = 1_800_000_000.0
HOSTILE_TITLE = "<script>alert('x')</script> **Programa** de migración"


def filled(**changes) -> dict:
    """The form's widget values as a reader leaves them, by field name."""
    values = {"title": HOSTILE_TITLE, "summary": "Regulariza a personas venezolanas.", "countries": ["COL", "PER"],
              "primary_objective": 4, "other_objectives": [4, 7], "guiding_principles": [], "level": None,
              "practice_status": None, "year_start": 2021, "year_end": None, "language": "es",
              "actor": "Migración Colombia", "actor_type": "government_national", "partners": "", "target_group": "",
              "results": "", "lessons": "", "replicability": "",
              "links": "https://example.org/a\nhttps://example.org/b",
              "submitter_name": "", "contact_email": "ana@example.org", "consent": True}
    return values | changes


def test_an_invalid_email_gets_the_fields_message_in_the_readers_language(db_env):
    attempt = submit_attempt(filled(contact_email="not an address"), "es", [], NOW)
    assert attempt.record is None and not attempt.limited
    assert attempt.errors == {"contact_email": ["Su correo electrónico: no es una dirección de correo electrónico"]}
    assert attempt.error_count == 1
    english = submit_attempt(filled(contact_email="not an address"), "en", [], NOW)
    assert english.errors["contact_email"] == ["Your e-mail: not an e-mail address"]


def test_an_empty_form_names_every_missing_field_and_gives_nothing_to_store(db_env):
    attempt = submit_attempt({}, "en", [], NOW)
    assert attempt.record is None
    assert {"title", "summary", "countries", "objectives", "actor", "actor_type", "year_start", "contact_email",
            "consent"} <= set(attempt.errors)
    assert attempt.errors["title"] == ["Title: required"]


def test_a_valid_form_gives_the_record_literally_with_the_primary_objective_first(db_env):
    attempt = submit_attempt(filled(), "en", [], NOW)
    assert not attempt.errors and not attempt.limited
    record = attempt.record
    assert record["title"] == HOSTILE_TITLE  # kept as typed: escaping is for showing, not storing
    assert record["objectives"] == [4, 7] and record["countries"] == ["COL", "PER"]
    assert record["links"] == ["https://example.org/a", "https://example.org/b"]
    assert record["year_start"] == 2021 and record["level"] == "regional"  # two countries
    assert attempt.recent == ()


def test_the_form_values_become_what_the_check_reads():
    values = form_record({"primary_objective": 7, "other_objectives": [3, 7], "links": " a  b ", "year_start": 2020.0,
                          "year_end": None})
    assert values["objectives"] == ["7", "3"] and values["links"] == ["a", "b"]
    assert values["year_start"] == "2020" and values["year_end"] is None and values["consent"] is False


def test_a_session_is_held_to_the_rate_limit_and_older_submissions_stop_counting(db_env):
    limits = practice_record.settings()["rate_limit"]
    window = limits["window_minutes"] * 60
    full = [NOW - window + 120 + i for i in range(limits["max_submissions"])]
    attempt = submit_attempt(filled(), "en", full, NOW)
    assert attempt.record is None and not attempt.errors
    assert attempt.limited == t("submit_rate_limited", n=limits["max_submissions"], minutes=3)  # the oldest ends in 2
    # A form with errors gets its messages first, rate limit or not.
    assert submit_attempt(filled(title=""), "en", full, NOW).errors
    stale = [NOW - window - 1] + full[1:]
    later = submit_attempt(filled(), "en", stale, NOW)
    assert later.record is not None and later.recent == tuple(full[1:])


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_form_marks_required_fields_and_names_its_choices_in_the_readers_language(db_env, lang):
    form = submit_form(lang)
    assert form.labels["title"] == t("submit_field_title", lang) + " *"
    assert form.labels["partners"] == t("submit_field_partners", lang)  # optional: no mark
    assert form.labels["primary_objective"].endswith(" *") and form.labels["consent"].endswith(" *")
    assert not form.labels["other_objectives"].endswith(" *")
    assert list(form.objectives) == list(range(1, 24))
    assert form.objectives[4].startswith("4 · ")
    assert form.levels["regional"] == t("practices_level_regional", lang)
    assert list(form.languages) == ["en", "es", "pt"] and form.language == lang
    assert form.specs["title"].max_chars == 200
    names = list(form.countries.values())
    assert len(names) > 150  # every country, not only the dashboard's 35
    first = {"en": "Mexico", "es": "México", "pt": "México"}[lang]
    assert names.index(first) < 35  # the dashboard's countries come first


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_forms_country_names_are_the_apps_and_no_two_read_alike(db_env, lang):
    from gcm.queries.reference import country_names

    form = submit_form(lang)
    ours = country_names(lang)  # the warehouse's names, as every other page shows them
    assert {c: form.countries[c] for c in ours} == ours
    usual = {"es": ("Surinam", "Trinidad y Tobago"), "pt": ("Suriname", "Trinidad e Tobago"),
             "en": ("Suriname", "Trinidad and Tobago")}[lang]
    assert (form.countries["SUR"], form.countries["TTO"]) == usual
    names = list(form.countries.values())
    assert len(set(names)) == len(names)  # 'Congo' and 'Corea' twice would be two identical choices
    assert form.countries["COD"] != form.countries["COG"] and form.countries["KOR"] != form.countries["PRK"]
