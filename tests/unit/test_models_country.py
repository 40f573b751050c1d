"""The country profile's view models on the real warehouse: what the page shows, built without Streamlit."""
from __future__ import annotations

import duckdb
import pytest

from gcm.export import VALUE_COLUMNS
from gcm.models.country import OPEN_TRENDS, country_model, country_trend, rating_lines

YEARS = (2014, 2025)


def profile(iso3: str, lang: str = "en", years=YEARS):
    return country_model(iso3, years, lang, rating_lines(iso3, years, lang))


def warehouse(db, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def test_every_objective_with_data_has_a_section_listing_its_indicators(db_env):
    model = profile("MEX")
    with_data = {}
    for objective, name in warehouse(db_env, """
            SELECT DISTINCT i.objective_id, i.name_en FROM fct_indicator_values v JOIN dim_indicators i
            USING (indicator_code) WHERE v.country_iso3 = 'MEX' AND v.year BETWEEN 2014 AND 2025
            AND i.objective_id IS NOT NULL"""):
        with_data.setdefault(objective, set()).add(name)
    sections = {s.objective: s for s in model.sections}
    for objective, names in with_data.items():
        assert objective in sections, objective
        assert set(sections[objective].table.column("indicator").to_pylist()) == names
    # Every objective is either a section or listed as a gap, in order; a gap has no data.
    assert sorted(list(sections) + model.without) == list(range(1, 24))
    assert [s.objective for s in model.sections] == sorted(sections)
    assert not set(model.without) & set(with_data)
    assert model.gaps.startswith(f"{model.without[0]} · ")


def test_the_population_card_is_the_latest_value_in_the_years(db_env):
    for years in (YEARS, (2015, 2016)):
        (year, value), = warehouse(db_env, """SELECT year, value FROM fct_indicator_values WHERE country_iso3 = 'MEX'
            AND indicator_code = 'wdi_population' AND value IS NOT NULL AND year BETWEEN ? AND ?
            ORDER BY year DESC LIMIT 1""", years)
        card = profile("MEX", years=years).cards[0]
        assert card.label == "Population"
        assert card.value == f"{round(value):,}"
        assert card.caption.startswith(str(year))


def test_the_profile_speaks_the_readers_language(db_env):
    model = profile("MEX", "es")
    assert model.title == "Perfil de país: México"
    assert model.cards[0].label == "Población" and "." in model.cards[0].value  # Spanish thousands
    assert model.table_columns["indicator"] == "Indicador"
    assert any(s.heading == "10 · Prevenir y erradicar la trata de personas" for s in model.sections)


def test_rated_objectives_say_their_outcome_and_their_commitments_apart(db_env):
    from gcm.queries.rating import load_ratings

    ratings = load_ratings(YEARS)
    mine = ratings[ratings["country_iso3"] == "MEX"]
    rated = mine[mine["score"].notna()]
    assert len(rated) > 0
    sections = {s.objective: s for s in profile("MEX").sections}
    for r in rated.itertuples():
        assert sections[r.objective_id].rating_text.startswith(f"**Outcome: {round(r.score)}/100"), r.objective_id
    # Objective 13 has commitments only (OPCAT): the section counts them and gives no outcome score.
    assert sections[13].rating_text == "Commitments: meets 1 of 1, as of 2022"


def test_only_the_first_objectives_with_a_trend_open_it(db_env):
    model = profile("MEX")
    with_trend = [s for s in model.sections if s.chartable]
    assert len(with_trend) > OPEN_TRENDS
    assert [s.trend_open for s in with_trend] == [True] * OPEN_TRENDS + [False] * (len(with_trend) - OPEN_TRENDS)
    assert all(s.first_trend in s.chartable for s in with_trend)
    assert not any(s.trend_open for s in model.sections if not s.chartable)


def test_a_yes_no_status_is_read_in_the_table_never_drawn_as_a_trend(db_env):
    """Colombia's complete birth registration went from 0 to 1: a line between them says nothing."""
    model = profile("COL")
    section = next(s for s in model.sections if s.objective == 4)
    assert model.names["sdg_birth_registration_complete90"] in section.table.column("indicator").to_pylist()
    assert "sdg_birth_registration_complete90" not in section.chartable
    assert all(not c.endswith("_party") for s in model.sections for c in s.chartable)


def test_peer_groups_link_to_compare(db_env):
    links = {link.label: link.params for link in profile("COL").peer_links}
    assert links["Andean Community (4 countries)"] == {"countries": "COL,BOL,ECU,PER", "lang": "en"}
    assert links["Quito Process (13 countries)"] == {"countries": "COL", "groups": "quito", "lang": "en"}


def test_the_download_has_every_value_in_the_years(db_env):
    model = profile("MEX", years=(2018, 2020))
    (n,), = warehouse(db_env, """SELECT count(*) FROM fct_indicator_values
                                 WHERE country_iso3 = 'MEX' AND year BETWEEN 2018 AND 2020""")
    table = model.download()
    assert list(table.columns) == VALUE_COLUMNS
    assert len(table) == n and set(table["country"]) == {"Mexico"} and table["year"].between(2018, 2020).all()
    assert model.download_stem == "gcm-MEX-2018-2020"
    assert f"{n:,}" in model.download_label


def test_a_trend_marks_suppressed_counts_and_leaves_a_gap(db_env):
    censored = warehouse(db_env, """SELECT year, upper_bound FROM fct_indicator_values WHERE indicator_code =
        'glotip_victims' AND country_iso3 = 'BLZ' AND value_flag = 'suppressed' AND year >= 2014 ORDER BY year""")
    assert censored, "the test needs a suppressed value"
    trend = country_trend("BLZ", 10, "glotip_victims", YEARS, "en", False)
    figure = trend.figure
    assert figure.layout.title.text.startswith("Detected victims of trafficking · Belize")
    marks = next(d for d in figure.data if d.name == "Suppressed: below the mark")
    assert list(zip(marks.x, marks.y)) == [tuple(c) for c in censored]
    line = dict(zip(figure.data[0].x, figure.data[0].y))
    assert all(line[year] != line[year] for year, _ in censored)  # NaN: a gap, never a zero
    assert trend.description.startswith("In ") and "Belize" in trend.description
    assert trend.config["toImageButtonOptions"]["filename"] == "gcm-BLZ-objective-10-glotip_victims-2014-2025"


@pytest.mark.parametrize("lang, recorded", [("en", "recorded"), ("pt", "registrou")])
def test_a_trend_is_described_in_the_readers_language(db_env, lang, recorded):
    trend = country_trend("MEX", 8, "mmp_dead_missing", YEARS, lang, False)
    assert f"México {recorded}" in trend.description or f"Mexico {recorded}" in trend.description


def test_a_headline_card_shows_its_caveat_under_the_number(db_env):
    # Colombia's forcibly displaced people hosted: the Venezuelan undercount, in the reader's language.
    model = country_model("COL", (2014, 2025), "es", ())
    displaced = next(c for c in model.cards if c.label.startswith("Personas desplazadas acogidas"))
    assert "Subestimación" in displaced.caveat and "venezolanos" in displaced.caveat
    # The label itself states the scope, so the number cannot be quoted without it.
    assert displaced.label == "Personas desplazadas acogidas: solo registros de ACNUR, sin la mayoría de los venezolanos"
    # A country without such a caveat keeps the plain label.
    plain = country_model("CRI", (2014, 2025), "es", ())
    assert any(c.label == "Personas desplazadas acogidas" for c in plain.cards)
    # every other card carries its indicator's caveat, never an empty line
    assert all(c.caveat for c in model.cards if c.value != "–")


def test_headline_cards_never_show_a_part_year(db_env):
    model = country_model("PAN", (2014, 2025), "en", ())
    assert not any("Jan" in c.caption for c in model.cards)


@pytest.mark.parametrize("lang, title", [
    ("es", "Colombia: Estatuto Temporal de Protección para Migrantes Venezolanos (ETPV) (traducido por el tablero)"),
    ("pt", "Colômbia: Estatuto Temporal de Protección para Migrantes Venezolanos (ETPV) (traduzido pelo painel)"),
    ("en", "Colombia Temporary Protection Statute (ETPV)"),
])
def test_the_profiles_practices_are_named_in_the_readers_language_with_the_marker(db_env, lang, title):
    sections = {s.objective: s for s in profile("COL", lang).sections}
    titles = sections[4].practices.to_pandas()["title"].tolist()
    assert title in titles



def test_the_headline_cards_name_their_sources_in_spanish(db_env):
    captions = " ".join(c.caption for c in profile("COL", "es").cards)
    assert "Banco Mundial" in captions and "(vía " in captions
    assert "World Bank," not in captions and "(via " not in captions
