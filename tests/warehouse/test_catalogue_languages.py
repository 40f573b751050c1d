"""The indicator catalogue in three languages: names, units, definitions and caveats in en/es/pt."""
from __future__ import annotations

import csv
import shutil

import duckdb
import pytest

from common.errors import EtlError
from etl.models import Staged, run_models
from common.paths import REFERENCE_DIR

LANGS = ("en", "es", "pt")
TEXT_FIELDS = ("name", "unit", "definition", "caveats")


def blank(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() == ""


@pytest.fixture(scope="module")
def catalogue(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        return con.execute("SELECT * FROM dim_indicators ORDER BY indicator_code").df()
    finally:
        con.close()


def test_reference_csv_stays_valid_with_the_new_columns():
    with open(REFERENCE_DIR / "indicators.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    for col in ("definition_es", "definition_pt", "caveats_es", "caveats_pt"):
        assert col in header
    # every row has exactly as many fields as the header: no stray comma broke a line
    assert {len(r) for r in body} == {len(header)}
    assert len({r[0] for r in body}) == len(body)


def test_every_indicator_has_es_and_pt_text_where_english_has_it(catalogue):
    assert len(catalogue) >= 50
    missing = []
    for row in catalogue.itertuples():
        for field in TEXT_FIELDS:
            en = getattr(row, f"{field}_en")
            for lang in ("es", "pt"):
                other = getattr(row, f"{field}_{lang}")
                if not blank(en) and blank(other):
                    missing.append(f"{row.indicator_code}.{field}_{lang}")
                if blank(en) and not blank(other):
                    missing.append(f"{row.indicator_code}.{field}_{lang} has text but English has none")
    assert not missing, missing
    # names and definitions are never empty in any language
    for lang in LANGS:
        assert not catalogue[f"name_{lang}"].map(blank).any()
        assert not catalogue[f"definition_{lang}"].map(blank).any()


def test_english_columns_keep_the_original_text(catalogue):
    assert (catalogue["definition_en"] == catalogue["definition"]).all()
    same = catalogue["caveats_en"].fillna("") == catalogue["caveats"].fillna("")
    assert same.all()


def test_translations_are_real_translations(catalogue):
    cat = catalogue.set_index("indicator_code")
    dead = cat.loc["mmp_dead_missing"]
    assert dead["definition_es"] != dead["definition_en"]
    assert "desaparecidas" in dead["definition_es"]
    assert "desaparecidas" in dead["definition_pt"] and "durante a migração" in dead["definition_pt"]
    victims = cat.loc["glotip_victims"]
    assert victims["caveats_pt"] != victims["caveats_en"]
    assert "detecção" in victims["caveats_pt"]
    assert "detección" in victims["caveats_es"]
    # the suppression marker and the year are carried over unchanged
    assert "'<5'" in victims["caveats_es"] and "2021" in victims["caveats_pt"]
    # codes stay as they are
    assert "SM.POP.NETM" in cat.loc["wdi_net_migration", "definition_es"]
    assert "SM.POP.NETM" in cat.loc["wdi_net_migration", "definition_pt"]
    # across the catalogue, most es and pt texts differ from the English (not copied)
    with_words = cat[cat["definition_en"].str.contains(" ")]
    assert (with_words["definition_es"] != with_words["definition_en"]).all()
    assert (with_words["definition_pt"] != with_words["definition_en"]).all()
    assert (with_words["definition_es"] != with_words["definition_pt"]).mean() > 0.9


def test_load_indicators_returns_the_three_languages(db_env):
    from gcm.queries.reference import load_indicators

    df = load_indicators()
    for field in TEXT_FIELDS:
        for lang in LANGS:
            assert f"{field}_{lang}" in df.columns
    row = df.set_index("indicator_code").loc["darien_transits"]
    assert "Darién" in row["definition_es"] and "Panamá" in row["definition_es"]
    assert "parcial" in row["caveats_es"] and "parcial" in row["caveats_pt"]


def test_load_indicator_catalogue_returns_the_three_languages(db_env, catalogue):
    from gcm.queries.warehouse import load_indicator_catalogue

    df = load_indicator_catalogue()
    assert len(df) == len(catalogue)
    for field in ("definition", "caveats"):
        for lang in LANGS:
            assert f"{field}_{lang}" in df.columns
    assert not df["definition_pt"].map(blank).any()
    assert "ACNUR" in df.set_index("indicator_code").loc["unhcr_stateless", "definition_es"]


def test_validation_refuses_a_missing_translation(built_db, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(built_db, db)

    def failures() -> str:
        try:
            with Staged() as staged:  # the data tests read only the warehouse
                run_models(db, staged, command="test")
        except EtlError as exc:
            return str(exc)
        return ""

    def update(sql: str) -> None:
        con = duckdb.connect(str(db))
        try:
            con.execute(sql)
        finally:
            con.close()

    assert failures() == ""
    update("UPDATE dim_indicators SET caveats_pt = NULL WHERE indicator_code = 'glotip_victims'")
    found = failures()
    assert "validation failed" in found and found.count("row(s) break it") == 1
    assert "definition and caveats are translated (es, pt) where English has them: 1 row(s)" in found
    update("UPDATE dim_indicators SET caveats_pt = 'x', definition_es = '' WHERE indicator_code = 'mmp_incidents'")
    assert "translated (es, pt) where English has them: 2 row(s)" in failures()
    update("UPDATE dim_indicators SET caveats_pt = 'x', definition_es = 'x', source_pt = NULL "
           "WHERE indicator_code = 'glotip_victims'")
    assert "source and licence text has its Spanish and Portuguese form" in failures()


@pytest.mark.parametrize("iso3, es, pt", [
    ("SUR", "Surinam", "Suriname"),  # pycountry's Spanish is "Surinám"
    ("TTO", "Trinidad y Tobago", "Trinidad e Tobago"),  # pycountry's Portuguese is "Trinidade e Tobago"
    ("DMA", "Dominica", "Dominica"),  # pycountry's Portuguese is "Domínica"
    ("BLZ", "Belice", "Belize"),
    ("VCT", "San Vicente y las Granadinas", "São Vicente e Granadinas"),
    ("LCA", "Santa Lucía", "Santa Lúcia"),
    ("KNA", "San Cristóbal y Nieves", "São Cristóvão e Névis"),
])
def test_country_names_take_each_languages_usual_official_form(built_db, iso3, es, pt):
    with duckdb.connect(str(built_db), read_only=True) as con:
        names = con.execute("SELECT name_es, name_pt FROM dim_countries WHERE country_iso3 = ?", [iso3]).fetchone()
    assert names == (es, pt)


def test_every_country_has_a_spanish_and_portuguese_name_in_the_reference_file():
    with open(REFERENCE_DIR / "countries.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 35 and all(r["name_es"].strip() and r["name_pt"].strip() for r in rows)


@pytest.mark.parametrize("kind, sql", [
    ("missing_migrants_cause", "SELECT DISTINCT cause FROM fct_incidents"),
    ("missing_migrants_route", "SELECT DISTINCT route FROM fct_incidents"),
    ("unodc_glotip", "SELECT DISTINCT unnest([category, sex, age]) FROM fct_indicator_breakdowns "
                     "WHERE indicator_code LIKE 'glotip%' AND dimension IN ('Total', 'by form of exploitation')"),
])
def test_every_categorical_value_in_the_warehouse_has_its_labels(built_db, kind, sql):
    from gcm.categories import category_labels, unlabelled

    with duckdb.connect(str(built_db), read_only=True) as con:
        values = [r[0] for r in con.execute(sql).fetchall()]
        categories = con.execute("SELECT * FROM dim_source_categories").df()
    assert len(values) > 2
    for lang in LANGS:
        labels = category_labels(categories, kind, lang)
        assert unlabelled(values, labels) == [], f"{kind} values without a {lang} label"
        assert all(str(label).strip() for label in labels.values())
    assert category_labels(categories, kind, "es") != category_labels(categories, kind, "en")  # really translated
