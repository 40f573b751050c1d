"""The practices page's view model on the real warehouse and a temporary submissions store."""
from __future__ import annotations

import pandas as pd
import pytest

from gcm.i18n import t
from gcm.models.practices import practice_catalogue, practice_detail, practice_list
from practices.record import check, reference_for
from tests.practices_oracle import HAND_SEARCHED, TRANSLATED, hand_search, published

EVERY_YEAR = (1900, 2100)


def found(query: str = "", lang: str = "en", **filters) -> pd.DataFrame:
    args = dict(objective=None, countries=(), actors=(), levels=(), statuses=(), years=EVERY_YEAR, unknown_year=True)
    return practice_list(query=query, lang=lang, **(args | filters)).table


def test_a_spanish_search_ignores_accents_and_finds_what_a_hand_search_finds(db_env, store):
    table = found("migracion", lang="es")
    rows = published(db_env)
    expected = hand_search(rows, "migracion")
    assert set(table["id"]) == expected and 0 < len(expected) < len(rows)
    assert {"P41", "P48"} <= expected  # "Código de Migración", "Ley 21.325 de Migración y Extranjería"
    assert set(found("MIGRACIÓN")["id"]) == expected  # accents and case either way
    p04 = found("P04", lang="es").set_index("id").loc["P04"]
    assert "Haití" in p04["countries"] and p04["objectives"].startswith("5 · Vías de migración regular")


def test_the_headline_counts_what_the_table_lists(db_env, store):
    model = practice_list(None, ("MEX",), "", (), ("regional",), (), EVERY_YEAR, True, "en")
    assert model.found == f"{len(model.table)} of {len(published(db_env))}"
    assert model.table["countries"].str.contains("Mexico").all()
    assert model.headers["title"] == t("practices_col_title")


def test_page_filters_narrow_the_list_and_an_unknown_year_can_be_left_out(db_env, store):
    rows = published(db_env)
    assert set(found(levels=("regional",))["id"]) == set(rows.loc[rows["level"] == "regional", "practice_id"])
    assert set(found(levels=("regional",), actors=("judiciary",))["id"]) == {"P34", "P55", "P56"}
    assert set(found(levels=("regional",), actors=("judiciary",), unknown_year=False)["id"]) == {"P55", "P56"}
    assert found("zzz no practice has this").empty


def test_the_catalogue_names_every_published_practice(db_env, store):
    catalogue = practice_catalogue()
    assert len(catalogue.titles) == len(published(db_env)) == 58
    assert catalogue.titles["P16"] == "Mexico Beta Groups"
    assert catalogue.years[0] < catalogue.years[1] <= 2026


def test_a_fact_sheet_practice_lists_its_countries_with_roles_and_its_sources_as_links(db_env, store):
    detail = practice_detail("P12", "es")
    assert detail.title == "México: Comisión Nacional de Búsqueda de Personas (CNB)"
    assert not detail.submitted
    assert detail.countries.iloc[0].tolist() == ["México", "La implementa"]
    fields = {f.label: f for f in detail.fields}
    assert fields[t("practices_original_name", "es")].text.startswith("Comisión Nacional de Búsqueda de Personas")
    summary = fields[t("practices_summary", "es")]
    assert summary.text.startswith("La Ley General en materia de desaparición de 2017")
    assert summary.note == t("practices_translated_note", "es")  # the dashboard's translation, said so
    original = fields[t("practices_original_text", "es")].text  # and the English beside it
    assert original.startswith("Mexico National Search Commission (CNB)") and "General Law on disappearances" in original
    sources = published(db_env).set_index("practice_id").loc["P12", "source_urls"]
    links = detail.links["url"].tolist()
    assert links and all(link.startswith(("http://", "https://")) and link in sources for link in links)
    assert [f.label for f in detail.checks] == [t("practices_status_detail", "es"), t("practices_verification", "es")]
    tags = practice_detail("P16", "en").objectives
    assert tags["primary"].iloc[0] and tags["rationale"].str.len().gt(0).all()


@pytest.mark.parametrize("lang, title", [
    ("en", "Mexico Beta Groups"),
    ("es", "México: Grupos Beta de Protección a Migrantes"),
    ("pt", "México: Grupos Beta de Protección a Migrantes"),  # the programme's own name, kept
])
def test_the_catalogue_and_list_name_practices_in_the_readers_language(db_env, store, lang, title):
    assert practice_catalogue(lang).titles["P16"] == title
    listed = practice_list(None, (), "P16", (), (), (), EVERY_YEAR, True, lang)
    assert listed.table["title"].tolist() == [title]
    assert bool(listed.note) == (lang != "en") and (not listed.note or listed.note == t("practices_translated_list", lang))


def test_an_english_reader_gets_the_fact_sheet_text_with_no_translation_note(db_env, store):
    detail = practice_detail("P03", "en")
    assert detail.title == "Brazil Operation Welcome (Operação Acolhida)"
    labels = [f.label for f in detail.fields]
    assert t("practices_original_text") not in labels and detail.fields[0].note == ""


@pytest.mark.parametrize("query", ["trata", "tráfico", "trafico", "TRÁFICO"])
def test_trata_and_trafico_find_every_practice_trafficking_finds(db_env, store, query):
    trafficking = set(found("trafficking")["id"])
    assert {"P08", "P27", "P28", "P34", "P41", "P57"} <= trafficking  # the fact sheet's trafficking practices
    for lang in ("en", "es", "pt"):  # whatever language the page is in
        assert trafficking <= set(found(query, lang=lang)["id"])
        assert set(found(query, lang=lang)["id"]) == hand_search(published(db_env), query)


def test_retorno_finds_the_return_practices_by_their_spanish_and_portuguese_text(db_env, store):
    rows = published(db_env)
    hits = set(found("retorno", lang="pt")["id"])
    assert hits == hand_search(rows, "retorno")
    assert {"P40", "P42", "P43", "P54"} <= hits  # "Plan Retorno al Hogar", "Ley Retorno", "Retorno Voluntario"
    assert {"P08", "P21", "P39"} <= hits  # only "retornadas"/"retornados" there: found by the stem
    in_english = hand_search(rows, "retorno", tuple(f for f in HAND_SEARCHED if f not in TRANSLATED))
    assert hits - in_english  # some are found only through the dashboard's translations


def test_an_unknown_or_unpublished_practice_has_no_detail(db_env, store):
    assert practice_detail("P999", "en") is None
    ref = publish(store, TITLE, consent=False, then_publish=False)
    assert practice_detail(ref, "en") is None  # approved is not published: consent was not recorded


TITLE = "<img src=x onerror=alert(1)> **Bold** [link](javascript:alert(1))"
SUMMARY = "<b>not bold</b> _under_ # heading"


def publish(store, title: str, consent: bool = True, then_publish: bool = True) -> str:
    raw = {"title": title, "summary": SUMMARY, "countries": "COL; ECU", "objectives": "10; 4",
           "actor": "[actor](http://evil.example)", "actor_type": "civil society", "year_start": "2022",
           "contact_email": "secret@example.org", "submitter_name": "Hidden Person", "language": "es",
           "links": "https://example.org/ok", "partners": "<i>Partner</i>", "consent": True if consent else None}
    ref = reference_for()
    store.submit(ref, check(raw).record, "form")
    if then_publish:
        store.approve(ref, "Ana")
    else:
        store.decide(ref, "approved", "Ana")
    return ref


def test_a_published_submission_comes_back_escaped_or_as_plain_text_and_without_contacts(db_env, store):
    ref = publish(store, TITLE)
    detail = practice_detail(ref, "en")
    assert detail.submitted
    assert detail.title == TITLE  # plain text for st.text, never Markdown (issue 18)
    texts = [f.text for f in detail.fields]
    assert SUMMARY in texts and "[actor](http://evil.example)" in texts and "<i>Partner</i>" in texts  # st.text
    assert t("practices_original_name") not in [f.label for f in detail.fields]  # a fact-sheet field
    assert detail.checks == ()
    assert detail.links.to_dict("records") == [{"host": "example.org", "url": "https://example.org/ok"}]
    assert set(detail.countries["role"]) == {t("practices_role_member")}  # two countries: a regional practice
    table = found("onerror")
    assert table["id"].tolist() == [ref] and table["title"].tolist() == [TITLE]  # data in a table, as typed
    shown = repr(detail) + table.to_csv()
    assert "secret@example.org" not in shown and "Hidden Person" not in shown


@pytest.mark.parametrize("lang, name", [("es", "Ecuador"), ("pt", "Equador")])
def test_a_submission_names_its_countries_in_the_readers_language(db_env, store, lang, name):
    ref = publish(store, "Mesa binacional")
    assert name in practice_detail(ref, lang).countries["country"].tolist()
