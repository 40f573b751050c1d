"""Streamlit's own English words and the citations and reasons that arrive in English, in the page's language."""
from __future__ import annotations

import json
import re

import pytest

from gcm.i18n import by_english, t
from gcm.rating import load_config, short_sources
from gcm.widget_text import COUNTS, PREFIXES, SUFFIXES, WORDS, widget_labels_script, words


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_every_streamlit_word_has_its_own_translation(lang):
    """Each of Streamlit's words the script rewrites is in the catalogue, translated (not the English again)."""
    found = words(lang)
    untranslated = [english for english, text in found["words"].items() if text == english]
    untranslated += [english for english, text, _ in found["prefixes"] if text == english]
    untranslated += [english for english, text, _ in found["suffixes"] if text == english]
    assert untranslated == []
    assert found["words"]["Clear all"] == t("widget_clear_all", lang)
    assert found["prefixes"][0][:2] == ["Help for ", t("widget_help_for", lang, label="")]
    assert {english for english, _, _ in found["prefixes"]} == set(PREFIXES)
    assert {english for english, _, _ in found["suffixes"]} == set(SUFFIXES)
    assert len(found["counts"]) == len(COUNTS) and len(found["words"]) == len(WORDS)


def test_the_counts_keep_the_number_and_agree_with_it():
    (pattern, one, other), _ = words("es")["counts"]
    assert re.match(pattern, "34 options available.") and re.match(pattern, "1 option available.")
    assert (one, other) == ("{n} opción disponible.", "{n} opciones disponibles.")


def test_english_words_for_an_english_page_so_a_switch_back_rewrites_them():
    found = words("en")
    assert all(text == english for english, text in found["words"].items())
    assert [p[:2] for p in found["prefixes"]] == [[english, english] for english in PREFIXES]


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_script_survives_streamlits_html_sanitizer(lang):
    """st.html runs its scripts through DOMPurify, which drops a script holding anything like a tag
    ("<word>", "</"): the whole script would silently never run."""
    script = widget_labels_script(lang)
    body = script.removeprefix("<script>").removesuffix("</script>")
    assert script.startswith("<script>") and script.endswith("</script>")
    assert not re.search(r"<[/\w!]", body)
    data = json.loads(re.search(r"w\.__gcmWords = (\{.*?\});\n", body).group(1))
    assert data == words(lang)


def test_no_script_for_an_unknown_language():
    assert widget_labels_script("fr") == ""


def test_the_scorecards_source_line_is_in_the_readers_language():
    config = load_config()
    english = short_sources(config)
    spanish = short_sources(config, lang="es")
    assert "UN Treaty Collection" in english and "World Bank population" in english
    assert "Colección de Tratados de las Naciones Unidas" in spanish and "Banco Mundial (población)" in spanish
    assert len(spanish) == len(english)
    # Every citation of the rating file has its translation in the catalogue.
    assert set(english) <= set(by_english("rating_source_", "pt"))


def test_a_text_the_catalogue_lacks_is_not_in_the_lookup():
    reasons = by_english("src_reason_", "es")
    assert reasons["negative count"] == "recuento negativo"
    assert "a reason the ETL may add one day" not in reasons
