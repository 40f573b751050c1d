"""Numbers, months and partial years are written as the reader's region writes them (CLDR via Babel), and
the URL's `lang` takes a region."""
from __future__ import annotations

import pytest

from gcm.filters import Vocabulary, parse_params, to_params, Filters
from gcm.formatting import (date_column_format, date_text, months_text, number, plotly_separators, value_text,
                            year_text)
from gcm.i18n import locale_tag, reader_locale, t

NBSP = "\u00a0"


@pytest.mark.parametrize("locale, thousands, fraction, big", [
    ("en", "1,234", "12.5", "1,234,567"),
    ("en-US", "1,234", "12.5", "1,234,567"),
    ("es-MX", "1,234", "12.5", "1,234,567"),       # Mexico and Central America: a decimal point
    ("es-GT", "1,234", "12.5", "1,234,567"),
    ("es-419", "1,234", "12.5", "1,234,567"),
    ("es-AR", "1.234", "12,5", "1.234.567"),       # South America: a decimal comma
    ("es-CO", "1.234", "12,5", "1.234.567"),
    ("es-CR", f"1{NBSP}234", "12,5", f"1{NBSP}234{NBSP}567"),  # CLDR: Costa Rica groups with a space
    ("es", "1.234", "12,5", "1.234.567"),          # no region: CLDR's base Spanish, as the app wrote before
    ("pt-BR", "1.234", "12,5", "1.234.567"),
    ("pt", "1.234", "12,5", "1.234.567"),          # no region: Brazilian
])
def test_numbers_follow_the_region(locale, thousands, fraction, big):
    assert number(1234, locale) == thousands
    assert number(12.5, locale) == fraction
    assert number(1234567.2, locale) == big


@pytest.mark.parametrize("value, digits, expected", [
    (0.125, None, "0.12"), (3.0, None, "3"), (99.96, None, "100.0"), (1234.5, None, "1,234"),
    (-0.004, 2, "0.00"), (2.345, 1, "2.3"), (None, None, "–"), (float("nan"), None, "–"),
])
def test_number_keeps_its_digits_rule(value, digits, expected):
    assert number(value, "en", digits) == expected


def test_censored_values_and_partial_years_in_the_readers_form():
    assert value_text(None, "suppressed", 5, "es-AR") == "<5"
    assert value_text(1500.0, "lower_bound", None, "pt-BR") == "≥ 1.500"
    assert value_text(None, "suppressed", None, "es-MX") == t("value_suppressed", "es")
    assert year_text(2023, 12, "es") == "2023" and year_text(2023, None, "pt") == "2023"
    assert year_text(2025, 4, "en") == "Jan\u2009–\u2009Apr 2025"
    assert year_text(2025, 4, "es-AR") == "ene–abr 2025"
    assert year_text(2025, 4, "es-MX") == "ene–abr de 2025"
    assert year_text(2025, 4, "pt-BR") == "jan.\u2009–\u2009abr. de 2025"
    assert months_text(3, "es") == "ene–mar" and months_text(1, "pt") == "jan."


@pytest.mark.parametrize("locale, months", [("es", "ene–abr"), ("es-MX", "ene–abr"), ("pt-BR", "jan.\u2009–\u2009abr."),
                                            ("en", "Jan\u2009–\u2009Apr")])
def test_month_names_in_the_readers_language(locale, months):
    assert months_text(4, locale) == months


@pytest.mark.parametrize("locale, separators", [("en", ".,"), ("es-MX", ".,"), ("es-AR", ",."), ("pt-BR", ",.")])
def test_charts_get_the_regions_separators(locale, separators):
    assert plotly_separators(locale) == separators


@pytest.mark.parametrize("value, tag", [
    ("es-MX", "es-MX"), ("es_mx", "es-MX"), ("PT-br", "pt-BR"), ("es-419", "es-419"), ("ES", "es"), ("en", "en"),
    ("es-XX", None), ("fr-FR", None), ("es-MX-x", None), ("", None), ("es-<b>", None), ("deu", None),
])
def test_a_locale_tag_is_checked_against_cldr(value, tag):
    assert locale_tag(value) == tag


def test_the_links_region_then_the_browsers_then_the_language_alone():
    assert reader_locale("es", "es-AR", "es-MX") == "es-AR"
    assert reader_locale("es", "es", "es-MX") == "es-MX"        # the link names no region: the browser's
    assert reader_locale("es", None, "pt-BR") == "es"           # the browser speaks another language
    assert reader_locale("pt", "es-AR", None) == "pt"           # the link's region was for Spanish


VOCAB = Vocabulary(countries=frozenset({"COL"}), indicators={}, years=(2014, 2025))


@pytest.mark.parametrize("raw, lang, locale", [("es-MX", "es", "es-MX"), ("pt_br", "pt", "pt-BR"), ("en", "en", "en")])
def test_the_url_lang_takes_a_region(raw, lang, locale):
    found, notes = parse_params({"lang": [raw]}, VOCAB)
    assert (found["lang"], found["locale"], notes) == (lang, locale, [])
    assert to_params(Filters(lang=lang, locale=locale, lang_tag=locale), ["lang"]) == {"lang": locale}


def test_a_filters_state_without_a_tag_writes_its_language():
    assert to_params(Filters(lang="en"), ["lang"]) == {"lang": "en"}
    assert to_params(Filters(lang="pt", lang_tag="es-MX"), ["lang"]) == {"lang": "pt"}  # the tag was Spanish's


@pytest.mark.parametrize("raw", ["es-XX", "klingon", "es-MX;drop", "fr"])
def test_a_bad_lang_is_dropped_with_a_note(raw):
    found, notes = parse_params({"lang": [raw]}, VOCAB)
    assert "lang" not in found and [n.reason for n in notes] == ["note_unknown_lang"]


@pytest.mark.parametrize("locale, text, moment", [
    ("es-MX", "07/03/2022", "DD/MM/YYYY"),   # CLDR dd/MM/yy, the year widened to four digits
    ("pt-BR", "07/03/2022", "DD/MM/YYYY"),
    ("es-AR", "7/3/2022", "D/M/YYYY"),
    ("es", "7/3/2022", "D/M/YYYY"),
    ("es-CL", "07-03-2022", "DD-MM-YYYY"),
    ("en", "3/7/2022", "M/D/YYYY"),          # US English: month first
])
def test_dates_in_the_regions_short_form_with_the_whole_year(locale, text, moment):
    import datetime as dt

    assert date_text(dt.date(2022, 3, 7), locale) == text
    assert date_text(None, locale) == "–"
    # The data grid's format (Moment.js) writes the same text, and never leaves it to the browser's language.
    assert date_column_format(locale) == moment
