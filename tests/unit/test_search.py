"""Practice search ignores accents and case; filters and source links behave as a reader expects."""
from __future__ import annotations

import pandas as pd
import pytest

from gcm.search import (actor_classes, filter_practices, fold, in_language, search_practices, split_source_urls,
                        status_class)


@pytest.fixture
def practices() -> pd.DataFrame:
    """Four practices shaped like load_practices() rows, with the accents and free text of the fact sheet."""
    return pd.DataFrame([
        dict(practice_id="P01", title="Colombia Temporary Protection Statute (ETPV)",
             original_name="Estatuto Temporal de Protección", summary="Registry of Venezuelans.",
             actors="Unidad Administrativa Especial Migración Colombia", actor_type="government (national)",
             level="national", practice_status="ongoing (10-year horizon)", year_start=2021),
        dict(practice_id="P05", title="Brazil Migration Law", original_name="Lei de Migração nº 13.445/2017",
             summary="Replaced the 1980 statute.", actors="Congresso Nacional", actor_type="government (national)",
             level="national", practice_status="in force", year_start=2017),
        dict(practice_id="P41", title="Guatemala Migration Code", original_name="Código de Migración (Decreto 44-2016)",
             summary="Created the migration authority.", actors="Congreso de la República",
             actor_type="government (national); international organisation", level="national",
             practice_status="ended (replaced)", year_start=2016),
        dict(practice_id="P27", title="Regional Coalition against Trafficking (CORETT)",
             original_name="Coalición Regional contra la Trata", summary="Regional coordination body.",
             actors="SICA member states", actor_type="regional body", level="regional",
             practice_status="unverified", year_start=pd.NA),
    ])


@pytest.mark.parametrize("text, folded", [
    ("Migración", "migracion"),
    ("MIGRAÇÃO", "migracao"),
    ("  Proteção   Temporária ", "protecao temporaria"),
    ("Ñandú", "nandu"),
    (None, ""),
])
def test_fold_drops_accents_case_and_extra_spaces(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("query, expected", [
    ("migracion", ["P01", "P41"]),          # title/original name/actors with "Migración"
    ("MIGRACIÓN", ["P01", "P41"]),
    ("migracao", ["P05"]),                   # Portuguese "Migração"
    ("etpv", ["P01"]),
    ("migracion codigo", ["P41"]),           # every word must match
    ("coalicion trata", ["P27"]),
    ("p05", ["P05"]),                        # the id is searchable
    ("registry venezuelans", ["P01"]),      # summary
    ("congreso", ["P41"]),                   # actors
    ("no such thing", []),
])
def test_search_matches_every_word_in_any_field(practices, query, expected):
    assert search_practices(practices, query)["practice_id"].tolist() == expected


@pytest.mark.parametrize("query", ["", "   ", None])
def test_an_empty_search_keeps_everything(practices, query):
    assert len(search_practices(practices, query)) == len(practices)


def test_search_treats_regex_characters_literally(practices):
    assert search_practices(practices, "(etpv)")["practice_id"].tolist() == ["P01"]
    assert search_practices(practices, ".*").empty


@pytest.mark.parametrize("actor_type, classes", [
    ("government (national)", ["government_national"]),
    ("government (national) - prosecution", ["government_national"]),
    ("government (national); government (subnational)", ["government_national", "government_subnational"]),
    ("civil society; government (national)", ["civil_society", "government_national"]),
    ("government (national); international organisation; private sector",
     ["government_national", "international_organisation", "private_sector"]),
    ("regional body (human-rights commission)", ["regional_body"]),
    ("judiciary / prosecution (regional network)", ["judiciary"]),
    ("a new kind of actor", ["other"]),
    (None, []),
])
def test_actor_types_are_grouped_into_classes(actor_type, classes):
    assert actor_classes(actor_type) == classes


@pytest.mark.parametrize("status, cls", [
    ("ongoing (reported active through 2023)", "ongoing"),
    ("in force (amended later)", "in_force"),
    ("law in force; CONMIGRANTES dissolved", "in_force"),
    ("ended (applications closed 31 Dec 2018)", "ended"),
    ("unverified (active at least 2013-2016)", "unverified"),
    ("renewed repeatedly (RN 97 extended to 2017)", "other"),
    (None, "other"),
])
def test_statuses_are_grouped_into_classes(status, cls):
    assert status_class(status) == cls


def test_filters_combine_and_an_empty_filter_keeps_all(practices):
    assert len(filter_practices(practices)) == 4
    assert filter_practices(practices, actors=["international_organisation"])["practice_id"].tolist() == ["P41"]
    assert filter_practices(practices, levels=["regional"])["practice_id"].tolist() == ["P27"]
    assert filter_practices(practices, statuses=["ongoing", "in_force"])["practice_id"].tolist() == ["P01", "P05"]
    assert filter_practices(practices, actors=["government_national"], statuses=["ended"])["practice_id"].tolist() == ["P41"]


def test_year_filter_keeps_unknown_years_only_when_asked(practices):
    assert filter_practices(practices, years=(2017, 2025))["practice_id"].tolist() == ["P01", "P05", "P27"]
    assert filter_practices(practices, years=(2017, 2025), include_unknown_year=False)["practice_id"].tolist() == [
        "P01", "P05"]


def test_only_http_and_https_sources_become_links():
    links, others = split_source_urls(
        "https://example.org/a ; http://example.org/b?x=1&y=2 ; javascript:alert(1) ; "
        "data:text/html,<script>alert(1)</script> ; Diario Oficial, 17 Nov 2017 ; https://evil.example/<script>")
    assert links == ["https://example.org/a", "http://example.org/b?x=1&y=2"]
    assert others == ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                      "Diario Oficial, 17 Nov 2017", "https://evil.example/<script>"]


def test_sources_separated_by_spaces_only_are_split():
    assert split_source_urls("https://a.org/x https://b.org/y") == (["https://a.org/x", "https://b.org/y"], [])
    assert split_source_urls(None) == ([], [])


@pytest.fixture
def translated(practices) -> pd.DataFrame:
    """The fixture's practices with the dashboard's translations of P27 (a submission, P05 here, has none)."""
    out = practices.assign(title_es=None, summary_es=None, title_pt=None, summary_pt=None)
    p27 = out["practice_id"] == "P27"
    out.loc[p27, ["title_es", "summary_es"]] = ["Coalición Regional (CORETT)", "Coordinación regional contra la trata de personas."]
    out.loc[p27, ["title_pt", "summary_pt"]] = ["Coalizão Regional (CORETT)", "Coordenação regional contra o tráfico de pessoas."]
    return out


@pytest.mark.parametrize("lang, title, summary", [
    ("es", "Coalición Regional (CORETT)", "Coordinación regional contra la trata de personas."),
    ("pt", "Coalizão Regional (CORETT)", "Coordenação regional contra o tráfico de pessoas."),
    ("en", "Regional Coalition against Trafficking (CORETT)", "Regional coordination body."),
])
def test_in_language_shows_the_translation_and_keeps_the_source_text(translated, lang, title, summary):
    shown = in_language(translated, lang).set_index("practice_id")
    assert (shown.loc["P27", "title"], shown.loc["P27", "summary"]) == (title, summary)
    assert shown.loc["P27", "title_source"] == "Regional Coalition against Trafficking (CORETT)"
    assert shown.loc["P27", "translated"] == (lang != "en")
    assert shown.loc["P05", "title"] == "Brazil Migration Law" and not shown.loc["P05", "translated"]  # untranslated
    assert translated.loc[translated["practice_id"] == "P27", "title"].item().startswith("Regional")  # input unchanged


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
@pytest.mark.parametrize("query", ["trafficking", "trata", "tráfico", "coalizao", "coordinacion"])
def test_search_reads_every_language_whatever_the_page_language(translated, lang, query):
    assert search_practices(in_language(translated, lang), query)["practice_id"].tolist() == ["P27"]


@pytest.fixture
def returns() -> pd.DataFrame:
    """Practices that speak of return only in inflected forms: none holds the query's word itself."""
    return pd.DataFrame([
        dict(practice_id="R1", title="Apoyo a personas retornadas", summary="Atención a hondureños retornados."),
        dict(practice_id="R2", title="Acolhida de migrantes retornados", summary="Programa municipal."),
        dict(practice_id="R3", title="Reintegration of returnees", summary="Deported people returned from the US."),
        dict(practice_id="R4", title="Tratado de libre circulación", summary="Residencia temporal."),
    ])


@pytest.mark.parametrize("query, expected", [
    ("retorno", ["R1", "R2"]),        # es/pt stem "retorn": retornadas, retornados
    ("retornada", ["R1", "R2"]),
    ("Retornó", ["R1", "R2"]),        # accents and case still ignored
    ("returning", ["R3"]),            # English stem "return": returned
    ("retorno hondurenos", ["R1"]),   # still every word
    ("circulaciones", ["R4"]),        # a plural finds the singular
    ("retornos tratado", []),
])
def test_search_finds_a_word_by_its_stem(returns, query, expected):
    assert search_practices(returns, query)["practice_id"].tolist() == expected


def test_retorno_finds_every_translated_practice_about_returnees():
    """On the dashboard's own translations: every practice whose Spanish or Portuguese text says
    'retornado(s)' or 'retornada(s)' is found by 'retorno', which none of those words contains."""
    from common.paths import DATA_DIR

    rows = pd.read_csv(DATA_DIR / "reference" / "practice_translations.csv")
    wide = rows.pivot(index="practice_id", columns="lang", values=["title", "summary"])
    wide.columns = [f"{field}_{lang}" for field, lang in wide.columns]
    wide = wide.reset_index()
    text = wide.drop(columns="practice_id").fillna("").apply(" ".join, axis=1).map(fold)
    inflected = wide.loc[text.str.contains(r"\bretornad[oa]s?\b"), "practice_id"].tolist()
    assert len(inflected) >= 3
    assert set(inflected) <= set(search_practices(wide, "retorno")["practice_id"])
