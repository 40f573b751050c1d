"""The Data & downloads page's view model on the real warehouse: what the page shows, built without Streamlit."""
from __future__ import annotations

import duckdb
import pandas as pd

from gcm.export import VALUE_COLUMNS
from gcm.models.data import data_model


def table(indicators, countries=(), years=(2015, 2021), lang="en"):
    return data_model(tuple(indicators), tuple(countries), years, lang)


def warehouse(db, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def test_the_download_has_one_row_per_value_with_its_source_licence_and_caveat(db_env):
    rows = warehouse(db_env, """SELECT country_iso3, indicator_code, year, value, value_flag, upper_bound, source,
        licence FROM fct_indicator_values WHERE indicator_code IN ('glotip_victims', 'glotip_convicted')
        AND country_iso3 IN ('COL', 'PER', 'BLZ') AND year BETWEEN 2015 AND 2021
        ORDER BY indicator_code, country_iso3, year""")
    model = table(["glotip_victims", "glotip_convicted"], ["COL", "PER", "BLZ"])
    download = model.download
    assert list(download.columns) == VALUE_COLUMNS
    assert sorted(zip(download["country_iso3"], download["indicator_code"], download["year"])) == \
        sorted((c, i, y) for c, i, y, *_ in rows)
    by_key = {(r.country_iso3, r.indicator_code, r.year): r for r in download.itertuples()}
    suppressed = [r for r in rows if r[4] == "suppressed"]
    assert suppressed, "the test needs a suppressed count (Belize's)"
    for country, code, year, value, flag, upper, source, licence in rows:
        shown = by_key[(country, code, year)]
        assert (shown.source, shown.licence) == (source, licence) and source and licence
        if flag == "suppressed":
            # A small count the source withholds: no value, a note saying so, never 0.
            assert pd.isna(shown.value) and shown.value_note == f"<{upper:g} (suppressed in the source)"
        else:
            assert shown.value == value
    assert model.metrics[2].value == str(len(suppressed))


def test_the_table_is_in_the_readers_language(db_env):
    model = table(["wdi_net_migration"], ["VEN", "COL", "PER"], (2015, 2020), "es")
    download = model.download
    assert set(download["country"]) == {"Venezuela", "Colombia", "Perú"}
    assert set(download["unit"]) == {"personas"}
    assert model.labels["country"] == "País" and model.labels["value_note"] == "Nota sobre el valor"
    shown = model.shown.to_pandas()
    assert list(shown.columns) == [model.labels[c] for c in VALUE_COLUMNS]
    assert len(shown) == len(download) and shown["Valor"].tolist() == download["value"].tolist()
    assert [m.label for m in model.metrics] == ["Filas", "Países con datos", "Recuentos suprimidos",
                                                 "Filas de años parciales"]
    assert model.metrics[0].value == f"{len(download):,}".replace(",", ".")
    assert list(model.sources.columns) == ["Fuente", "Licencia", "Enlace a la fuente", "Indicadores"]
    # The sources table reads in Spanish (licence names as published); the download keeps the source's own words.
    assert model.sources["Fuente"].tolist() == ["Banco Mundial, World Development Indicators (vía IOM GDI gdidata)"]
    assert model.sources["Licencia"].tolist() == ["CC BY 4.0 (Banco Mundial)"]
    assert set(download["source"]) == {"World Bank, World Development Indicators (via IOM GDI gdidata)"}


def test_no_country_chosen_means_all_35(db_env):
    (n, with_data), = warehouse(db_env, """SELECT count(*), count(DISTINCT country_iso3) FROM fct_indicator_values
        WHERE indicator_code = 'glotip_victims' AND year BETWEEN 2015 AND 2021""")
    model = table(["glotip_victims"])
    assert len(model.download) == n
    assert model.metrics[1].value == f"{with_data} of 35"
    assert len(model.coverage) == 35 and model.coverage_corner == "Country"


def test_coverage_counts_the_years_with_data_and_shows_gaps_as_zero(db_env):
    model = table(["glotip_convicted", "mmp_incidents"], ["PER", "COL", "BRB"])
    grid = model.coverage.set_index("Country")
    assert list(grid.index) == ["Barbados", "Colombia", "Peru"]
    assert model.coverage_columns == list(grid.columns) == ["Persons convicted of trafficking",
                                                            "Incidents with dead or missing migrants"]
    for iso3, name in [("PER", "Peru"), ("COL", "Colombia"), ("BRB", "Barbados")]:
        (years,), = warehouse(db_env, """SELECT count(DISTINCT year) FROM fct_indicator_values WHERE indicator_code =
            'glotip_convicted' AND country_iso3 = ? AND year BETWEEN 2015 AND 2021
            AND (value IS NOT NULL OR value_flag IS NOT NULL)""", [iso3])
        assert grid.loc[name, "Persons convicted of trafficking"] == years
    assert (grid == 0).any().any(), "expected at least one gap in this selection"
    assert model.span == 7 and "(7 years)" in model.coverage_caption


def test_more_indicators_than_countries_puts_the_indicators_down_the_rows(db_env):
    codes = ["glotip_victims", "glotip_convicted", "mmp_incidents"]
    model = table(codes, ["COL", "PER"])
    assert model.coverage_by_indicator and model.coverage_corner == "Indicator"
    assert list(model.coverage.columns) == ["Indicator", "Colombia", "Peru"] and len(model.coverage) == 3


def test_sources_name_each_source_once_with_its_licence(db_env):
    model = table(["glotip_victims", "glotip_convicted", "mmp_incidents"], ["COL"])
    sources = model.sources
    assert list(sources.columns) == ["Source", "Licence", "Source link", "Indicators"]
    assert len(sources) == 2 and sources["Licence"].str.len().gt(0).all()
    unodc = sources[sources["Source"].str.contains("UNODC")].iloc[0]
    assert set(unodc["Indicators"].split("; ")) == {"Detected victims of trafficking",
                                                     "Persons convicted of trafficking"}


def test_partial_years_are_counted_and_noted(db_env):
    (n, partial, months), = warehouse(db_env, """SELECT count(*), count(*) FILTER (WHERE months_covered < 12),
        min(months_covered) FROM fct_indicator_values WHERE indicator_code = 'mmp_dead_missing'
        AND year BETWEEN 2024 AND 2025""")
    assert partial, "the test needs a partial year"
    model = table(["mmp_dead_missing"], years=(2024, 2025))
    assert model.metrics[3].value == str(partial)
    assert model.preview_caption.startswith(f"{n} rows, 2024–2025.")
    assert (model.download["value_note"] == f"partial year ({months} of 12 months)").sum() == partial
