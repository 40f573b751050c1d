"""The Methodology page is generated from data/rating.toml: what the file says is what the page shows."""
from __future__ import annotations

import pytest

from gcm.rating import RATING_FILE, load_config
from gcm.safe import escape_markdown
from tests.app.conftest import open_page


def bounds_table(at):
    """The first static table: one row per rated indicator with its bounds."""
    return at.table[0].value


def test_methodology_shows_every_bound_threshold_and_rule_of_the_file(db_env):
    config = load_config(RATING_FILE)
    at = open_page("methodology")
    assert not at.exception
    assert any(f"version {config.version}" in c.value for c in at.caption)
    table = bounds_table(at)
    assert len(table) == len(config.bounds)
    row = table.set_index("Indicator").loc["Detected victims of trafficking per 100,000 population"]
    assert (row["Worst (score 0)"], row["Best (score 100)"]) == ("0.0638", "1.83")
    assert row["Fewest cases rated"] == "20"
    assert "detection" in row["How to read it"].lower()
    text = " ".join(m.value for m in at.markdown)
    assert "2018" in text and "50%" in text
    commitments = at.table[1].value.set_index("Indicator")
    assert len(commitments) == len(config.commitments)
    assert commitments.loc["SDG 10.7.2 domain 6: safe, orderly and regular migration", "Objectives"] == "5, 9, 10, 11, 21"
    classes = at.table[2].value
    assert classes.iloc[0].tolist() == ["High", "75–100"]
    trends = at.table[3].value
    assert trends["Rule (score points per year)"].str.contains("4.0").any()
    # Each focus objective says what it rests on; objective 13 has a commitment and no outcome.
    focus = at.table[4].value.set_index("Objective")
    assert focus.loc["13. Detention only as a last resort", "Outcome indicators"] == "–"
    assert "Optional Protocol against Torture" in focus.loc["13. Detention only as a last resort", "Commitments counted"]
    reasons = at.table[5].value.set_index("Indicator")
    assert "2015" in reasons.loc["US TIP report tier", "Why not"]
    assert "another country's policy" in reasons.loc["Share of returns from Mexico that were assisted", "Why not"]


def detail_table(at):
    """The scorecard cell's table of indicators (the grid's own table comes first, in its expander)."""
    return next(d.value for d in at.dataframe if "Indicator" in d.value.columns)


def test_changing_the_rating_file_changes_the_page_and_the_scorecard(db_env, tmp_path, monkeypatch):
    text = RATING_FILE.read_text(encoding="utf-8")
    assert "optimum = 1.83" in text and 'version = "' in text
    changed = text.replace("optimum = 1.83", "optimum = 9.99").replace('version = "', 'version = "test-', 1)
    path = tmp_path / "rating.toml"
    path.write_text(changed, encoding="utf-8")

    before = detail_table(open_page("scorecard", countries="COL", objective="10"))
    monkeypatch.setenv("GCM_RATING_FILE", str(path))
    at = open_page("methodology")
    assert not at.exception
    row = bounds_table(at).set_index("Indicator").loc["Detected victims of trafficking per 100,000 population"]
    assert row["Best (score 100)"] == "9.99"
    assert any("version test-" in c.value for c in at.caption)
    # The scorecard reads the same file, so the two cannot drift.
    after = detail_table(open_page("scorecard", countries="COL", objective="10"))
    victims = "Detected victims of trafficking per 100,000 population"
    assert after.set_index("Indicator").loc[victims, "Worst → best"].endswith("9.99")
    assert (after.set_index("Indicator").loc[victims, "Score (0–100)"]
            < before.set_index("Indicator").loc[victims, "Score (0–100)"])


def test_methodology_in_spanish(db_env):
    at = open_page("methodology", lang="es")
    assert not at.exception
    assert at.title[0].value.startswith("Metodología")
    table = bounds_table(at)
    assert "Víctimas de trata detectadas por 100 mil habitantes" in table["Indicador"].tolist()
    assert table.set_index("Indicador").loc["Víctimas de trata detectadas por 100 mil habitantes",
                                            "Peor (puntuación 0)"] == "0,0638"


def test_every_source_has_its_definitions_and_caveats(db_env):
    at = open_page("methodology")
    sources = [e.label for e in at.expander]
    assert any("Missing Migrants" in s for s in sources)
    assert any("GLOTIP" in s for s in sources)
    caveats = " ".join(" ".join(tbl.value["Caveats"].astype(str)) for tbl in at.table[6:])
    assert "Higher means more detection capacity" in caveats


@pytest.mark.parametrize("lang, definitions, caveat, licence, source", [
    ("es", "Definición", "Una cifra más alta indica mayor capacidad de detección",
     "Sin licencia declarada; hechos de la Colección de Tratados de las Naciones Unidas",
     "Colección de Tratados de las Naciones Unidas, situación al 11 de mayo de 2023"),
    ("pt", "Definição", "detecção", "Sem licença declarada; fatos da Coleção de Tratados das Nações Unidas",
     "Coleção de Tratados das Nações Unidas, situação em 11 de maio de 2023"),
])
def test_definitions_caveats_sources_and_licences_by_source_in_the_pages_language(db_env, lang, definitions, caveat,
                                                                                  licence, source):
    at = open_page("methodology", lang=lang)
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert any(label.startswith(escape_markdown(source)) for label in labels)
    assert not any("UN Treaty Collection" in label or "status as of" in label for label in labels)
    tables = [tbl.value for tbl in at.table[6:]]
    text = " ".join(" ".join(t[col].astype(str)) for t in tables for col in t.columns)
    assert caveat in text and escape_markdown(licence) in text
    assert "No licence stated" not in text and "Higher means more detection capacity" not in text
    assert all(definitions in t.columns for t in tables)
