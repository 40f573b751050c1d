"""Chart builders in presenter mode: every text at least 16 px, laid out by Plotly at that size."""
from __future__ import annotations

import pandas as pd
import pytest

from gcm import maps
from gcm.charts import PRESENTER_MIN_PX, figure_table, ranking_figure, trend_figure
from gcm.rating import scorecard_figure

NAMES = {"COL": "Colombia", "PER": "Perú", "ATG": "Antigua y Barbuda"}
COLOURS = {"COL": "#0072B2", "PER": "#E69F00", "ATG": "#009E73"}
NOTE = "Fuente: UNODC Global Report on Trafficking in Persons (GLOTIP) data, May 2023 release · 2014–2021"


def font_sizes(node, inside_font: bool = False) -> list[float]:
    """Every font size set anywhere in a figure's JSON (layout, traces, annotations)."""
    sizes = []
    if isinstance(node, dict):
        for key, value in node.items():
            is_font = key.endswith("font")
            if inside_font and key == "size" and isinstance(value, (int, float)):
                sizes.append(value)
            sizes += font_sizes(value, is_font)
    elif isinstance(node, (list, tuple)):
        for item in node:
            sizes += font_sizes(item, inside_font)
    return sizes


def trend(presenting: bool):
    data = pd.DataFrame({"country_iso3": ["COL", "COL", "ATG", "ATG"], "year": [2018, 2021, 2018, 2021],
                         "value": [1.0, 2.0, 8.0, 21.3]})
    return trend_figure(data, "Víctimas: evolución", "por 100.000 habitantes", NOTE, NAMES, COLOURS, lang="es",
                        presenting=presenting)


def ranking(presenting: bool, title: str = ""):
    data = pd.DataFrame({"country_iso3": ["ATG", "COL"], "value": [21.3, 2.0], "label": ["Antigua y Barbuda", "Colombia"],
                         "rank_label": ["1", "2"]})
    return ranking_figure(data, title, "por 100.000 habitantes", NOTE, COLOURS, median=5.0, lang="es",
                          presenting=presenting, height=390 if presenting else None)


def legend(presenting: bool):
    items = [{"label": "0,01 – 0,13", "colour": maps.FILL_STEPS[0]}, {"label": "Sin datos", "colour": maps.NO_DATA_COLOUR}]
    return maps.legend_figure(items, "por 100.000 habitantes", NOTE, presenting=presenting, vertical=presenting)


def scorecard(presenting: bool):
    ratings = pd.DataFrame({
        "country_iso3": ["COL", "COL", "PER", "PER"], "objective_id": [8, 23, 8, 23],
        "score": [70.0, None, 40.0, None], "score_class": ["high", "context", "low", "insufficient"],
        "trend": ["on_track", None, "stagnating", None], "slope": [1.0, None, 0.0, None],
        "indicators_rated": [2, 0, 1, 0], "indicators_total": [2, 0, 2, 1], "latest_year": [2021, None, 2021, None],
        "rank_label": ["1", None, "2", None], "n_ranked": [2, 0, 2, 0], "coverage": [1.0, 0.0, 0.5, 0.0],
    })
    return scorecard_figure(ratings, NAMES, {8: "Salvar vidas", 23: "Cooperación internacional"}, "es",
                            "Tablero", NOTE, presenting=presenting)


@pytest.mark.parametrize("build", [trend, ranking, legend, scorecard], ids=["trend", "ranking", "legend", "scorecard"])
def test_presenting_figures_use_presenter_type_throughout(build):
    ordinary = font_sizes(build(False).to_plotly_json())
    presented = font_sizes(build(True).to_plotly_json())
    assert min(ordinary) < PRESENTER_MIN_PX, "the ordinary figure should use smaller type (else this test proves nothing)"
    assert presented and min(presented) >= PRESENTER_MIN_PX, sorted(presented)[:5]


def test_presenting_trend_keeps_its_source_line_and_grows_the_bottom_margin_for_it():
    ordinary, presented = trend(False), trend(True)
    assert presented.layout.annotations[-1].text.startswith("Fuente: UNODC")
    assert presented.layout.margin.b > ordinary.layout.margin.b


def test_a_chart_without_a_title_gives_the_room_to_the_plot():
    """The storyboard's heading names the chart in presenter mode; the figure then has no empty title band."""
    assert ranking(True).layout.margin.t < ranking(True, "Condenas: último valor por país").layout.margin.t


def test_vertical_legend_writes_each_label_beside_its_swatch_in_order():
    fig = legend(True)
    assert list(fig.data[0].text) == ["0,01 – 0,13", "Sin datos"]
    assert list(fig.data[0].y) == [1, 0]  # the first item on top
    assert fig.layout.annotations[0].text.startswith("Fuente:")


def test_presenting_decks_have_readable_tooltips():
    shapes = pd.DataFrame({"country_iso3": ["COL"], "shape_code": ["COL"], "name": ["Colombia"], "geometry": ['{"type": "Polygon", "coordinates": '
                                                                 '[[[-75, 5], [-74, 5], [-74, 6], [-75, 5]]]}']})
    values = pd.DataFrame({"country_iso3": ["COL"], "year": [2021], "value": [2.0], "value_flag": [None],
                           "upper_bound": [None], "months_covered": [None]})
    labels = {k: k for k in maps.LABEL_KEYS}
    for presenting, readable in ((False, False), (True, True)):
        deck = maps.latest_values_deck(values, shapes, names=NAMES, labels=labels, presenting=presenting)
        assert (int(deck._tooltip["style"]["fontSize"].rstrip("px")) >= PRESENTER_MIN_PX) is readable


def test_presenting_scorecard_headings_fit_their_columns():
    """Presenter type is larger: no heading line may exceed 10 letters, long words are hyphenated at a syllable."""
    from gcm.rating import grid_labels

    names = {4: "Identidad jurídica y documentación", 21: "Retorno, readmisión y reintegración seguros"}
    _, ordinary = grid_labels({}, names, [], [4, 21])
    _, presented = grid_labels({}, names, [], [4, 21], presenting=True)
    lines = [line for heading in presented for line in heading.split("<br>")[1:]]
    assert max(len(line) for line in lines) <= 10, lines
    assert "documenta-" in lines and "ción" in lines
    assert max(len(line) for h in ordinary for line in h.split("<br>")[1:]) > 10  # words kept whole there


def test_a_part_year_is_its_own_labelled_point_and_a_missing_year_is_a_gap():
    data = pd.DataFrame({"country_iso3": ["COL"] * 4, "year": [2018, 2020, 2021, 2022],
                         "value": [10.0, 12.0, 14.0, 3.0], "months_covered": [12, 12, 12, 4]})
    fig = trend_figure(data, "t", "u", NOTE, NAMES, COLOURS, lang="en")
    line, part = fig.data
    assert list(line.x) == [2018, 2019, 2020, 2021]            # 2022 (January-April) is not on the line
    assert pd.isna(line.y[1])                                  # 2019 has no data: a gap, not a join
    assert list(part.x) == [2022] and part.mode == "markers" and part.customdata == ("Jan\u2009–\u2009Apr 2022",)
    assert part.marker.symbol.endswith("-open") and part.showlegend is False
    # The axis names the part year's months, in the reader's language.
    assert fig.layout.xaxis.ticktext[-1] == "2022<br>Jan\u2009–\u2009Apr"
    presented = trend_figure(data, "t", "u", NOTE, NAMES, COLOURS, lang="es", presenting=True)
    assert presented.layout.xaxis.ticktext[-1] == "2022<br>ene–abr"


def test_no_two_lines_of_a_trend_share_a_colour_and_each_keeps_its_usual_one_where_it_can():
    from gcm.charts import country_colours

    codes = ["ARG", "GTM", "ATG", "GUY", "COL", "PER"]          # ARG/GTM and ATG/GUY share a palette colour
    usual = country_colours(["ATG", "ARG", "BHS", "BRB", "BLZ", "BOL", "BRA", "CAN", "CHL", "COL", "CRI", "CUB",
                             "DMA", "DOM", "ECU", "SLV", "GRD", "GTM", "GUY", "HTI", "HND", "JAM", "MEX", "NIC",
                             "PAN", "PRY", "PER", "KNA", "LCA", "VCT", "SUR", "TTO", "USA", "URY", "VEN"])
    assert len({usual[c] for c in codes}) < len(codes)
    data = pd.DataFrame({"country_iso3": codes * 2, "year": [2020] * 6 + [2021] * 6, "value": range(12)})
    fig = trend_figure(data, "t", "u", NOTE, {}, usual)
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert len({t.line.color for t in lines}) == len(codes)
    assert fig.data[0].line.color == usual["ARG"]                 # the first keeps its own colour


def test_a_ranking_is_one_neutral_colour_with_the_chosen_countries_highlighted_and_value_labels():
    data = pd.DataFrame({"country_iso3": ["ATG", "COL", "PER"], "value": [21.3, 2.0, 1.25],
                         "label": ["Antigua y Barbuda", "Colombia", "Perú"], "rank_label": ["1", "2", "3"]})
    fig = ranking_figure(data, "", "u", NOTE, COLOURS, median=2.0, lang="es", highlight=["COL"])
    bars = fig.data[0]
    colours = dict(zip(bars.y, bars.marker.color))
    assert colours["Colombia"] != colours["Perú"] == colours["Antigua y Barbuda"]
    # Values in the reader's style, not ranks, in a column right of the plot: clear of the median line.
    values = {a.y: a.text for a in fig.layout.annotations if a.xref == "paper" and a.x == 1}
    assert values == {"Perú": "1,25", "Colombia": "2", "Antigua y Barbuda": "21,3"}


def test_a_trend_and_a_ranking_as_tables_hold_what_they_plot():
    """The table beside a chart: a row per year with a gap left empty and the part year named as on its
    axis, a column per line (the median too); a ranking's bars top to bottom, numbers as the labels."""
    data = pd.DataFrame({"country_iso3": ["COL", "COL", "COL", "PER", "PER"], "year": [2018, 2020, 2025, 2018, 2019],
                         "value": [1.5, 2.25, 3.0, 10.0, 1234.0], "months_covered": [12, 12, 4, 12, 12]})
    trend = trend_figure(data, "t", "u", "n", {"COL": "Colombia", "PER": "Perú"}, {},
                         median=pd.DataFrame({"year": [2018], "value": [5.0]}), median_label="Mediana", lang="es")
    table = figure_table(trend, "Año", "Valor", "es")
    assert table.to_dict("list") == {
        "Año": ["2018", "2019", "2020", "ene–abr 2025"],
        "Colombia": ["1,50", "", "2,25", "3"],
        "Perú": ["10", "1.234", "", ""],
        "Mediana": ["5", "", "", ""],
    }
    bars = pd.DataFrame({"label": ["Perú", "Colombia"], "value": [10.0, 2.5], "country_iso3": ["PER", "COL"],
                         "rank_label": ["1", "2"]})
    ranking = figure_table(ranking_figure(bars, "t", "u", "n", {}, median=5.0), "Country", "Value")
    assert ranking.to_dict("list") == {"Country": ["Perú", "Colombia"], "Value": ["10", "2.50"]}


def test_a_long_label_in_a_stacked_legend_takes_a_second_line_inside_its_column():
    """Presenting, a storyboard map's legend is a narrow column: 'Poucos casos para comparar (menos de 20)'
    ran past its edge on one line; it wraps, and its row is taller than a one-line row, in order."""
    items = [{"label": "0,05 – 0,25", "colour": "#FFFFCC"},
             {"label": "Poucos casos para comparar (menos de 20)", "colour": maps.FEW_COLOUR},
             {"label": "Sem dados", "colour": maps.NO_DATA_COLOUR}]
    fig = maps.legend_figure(items, "por 100 mil habitantes", NOTE, presenting=True, vertical=True)
    lines = [line for text in fig.data[0].text for line in text.split("<br>")]
    assert "Poucos casos para comparar<br>(menos de 20)" in fig.data[0].text
    assert max(len(line) for line in lines) <= maps.VERTICAL_LABEL_CHARS[True]
    y = list(fig.data[0].y)
    assert y == sorted(y, reverse=True) and min(y[0] - y[1], y[1] - y[2]) > 1  # one-line rows are 1 apart
