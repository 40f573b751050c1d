"""Compare page: countries and peer groups side by side, ranks with ties, the regional median."""
from __future__ import annotations

import json

import duckdb
import pandas as pd

from gcm.stats import rank_with_ties
from tests.app.conftest import open_page
from tests.standing_oracle import RANKED_LATEST_SQL, ranked_params


def charts(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def latest_rates(db) -> pd.Series:
    """Each ranked country's latest rate (a censored "<5" year counts as latest and is not ranked, nor is a
    rate on fewer than 20 victims), by the oracle of tests/standing_oracle.py."""
    con = duckdb.connect(str(db), read_only=True)
    df = con.execute(RANKED_LATEST_SQL, ranked_params("glotip_victims_rate", 2014, 2021)).df()
    return df.set_index("country_iso3")["value"]


def test_colombia_peru_and_the_regional_median(db_env):
    at = open_page("compare", countries="COL,PER", indicator="glotip_victims_rate", years="2014-2021")
    assert not at.exception
    latest = latest_rates(db_env)
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == ["Colombia", "Peru"]
    ranks = rank_with_ties(latest, higher_is_better=True)
    n = len(latest)
    assert table.iloc[0, 3] == f"rank {ranks.loc['COL', 'rank_label']} of {n}"
    metrics = {m.label: m.value for m in at.metric}
    assert float(metrics["Regional median"]) == round(latest.median(), 2)
    trend = charts(at)[0]
    assert {t["name"] for t in trend["data"]} == {"Colombia", "Peru", "Regional median"}
    assert "per 100,000" in trend["layout"]["yaxis"]["title"]["text"]


def test_changing_countries_changes_the_comparison(db_env):
    at = open_page("compare", countries="COL,PER", indicator="glotip_victims_rate")
    at.sidebar.multiselect[0].set_value(["MEX", "GTM", "HND"]).run()
    assert not at.exception
    assert list(at.dataframe[0].value.iloc[:, 0]) == ["Mexico", "Guatemala", "Honduras"]
    assert at.query_params["countries"] in ("MEX,GTM,HND", ["MEX,GTM,HND"])


def test_peer_group_is_the_median_of_its_members(db_env):
    at = open_page("compare", countries="COL", groups="can", indicator="glotip_victims_rate", years="2014-2021")
    assert not at.exception
    latest = latest_rates(db_env)
    andean = latest[latest.index.isin(["BOL", "COL", "ECU", "PER"])]
    row = at.dataframe[0].value.iloc[1]
    assert row.iloc[0] == "Andean Community"
    assert row.iloc[5] == f"{len(andean)}/4"
    assert abs(float(row.iloc[1]) - andean.median()) < 0.01


def test_ties_are_shown_as_ties(db_env):
    # Mexico and Guatemala sit on the same US TIP tier: they share one rank
    at = open_page("compare", countries="MEX,GTM", indicator="us_tip_tier", years="2014-2015")
    assert not at.exception
    ranks = list(at.dataframe[0].value.iloc[:, 3])
    assert ranks[0] == ranks[1] and ranks[0].startswith("rank =")


def test_a_status_is_counted_never_ranked_nor_given_a_median(db_env):
    # Every state party to the ICMW is at 1: "rank =1 of 35" and "median 0" would say nothing.
    at = open_page("compare", countries="ARG,MEX", indicator="treaty_icmw_party", years="2014-2023")
    assert not at.exception
    assert list(at.dataframe[0].value.iloc[:, 3]) == ["not ranked: a status is counted, not ranked"] * 2
    labels = {m.label: m.value for m in at.metric}
    assert "Regional median" not in labels and labels["Countries at 1 in their latest year"].endswith("of 35")


def test_invalid_parameters_give_a_note_and_the_page_still_opens(db_env):
    at = open_page("compare", countries="COL,ZZZ", groups="nope", indicator="drop table", years="2030-2010")
    assert not at.exception
    text = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "ZZZ" in text and "nope" in text and "drop table" in text and "2030-2010" in text
    assert at.title[0].value == "Compare"


def test_moving_the_years_slider_after_choosing_a_group_sticks(db_env):
    at = open_page("compare", countries="COL,PER", groups="csm", indicator="glotip_victims_rate")
    at.sidebar.slider(key="w_years").set_value((2016, 2018)).run()
    assert not at.exception
    assert at.query_params["years"] in ("2016-2018", ["2016-2018"])
    assert at.query_params["groups"] in ("csm", ["csm"])
    assert set(at.dataframe[0].value.iloc[:, 2]) <= {"2016", "2017", "2018"}


def test_the_comparison_table_downloads_as_shown(db_env, downloads):
    import io

    import pandas as pd

    from tests.app.conftest import downloaded

    at = open_page("compare", countries="COL,PER", indicator="glotip_victims_rate", years="2014-2021")
    assert not at.exception
    shown = at.dataframe[0].value
    back = pd.read_csv(io.BytesIO(downloaded(downloads, "gcm-compare-glotip_victims_rate")), encoding="utf-8-sig")
    assert list(back["Country or group"]) == list(shown["Country or group"])
    assert [f"{v:.2f}" for v in back["Value"]] == list(shown["Latest value"])
    assert back["Source"].str.startswith("UNODC").all() and back["Licence"].str.len().gt(0).all()
    assert back.iloc[0, -2].startswith("http") or "countries=COL" in back.iloc[0, -2]


def captions(at) -> list[str]:
    """Captions as a reader sees them (Markdown escapes removed)."""
    return [c.value.replace("\\", "") for c in at.caption]


def test_the_caption_under_the_trend_names_the_highest_latest_value_in_spanish(db_env):
    from gcm.describe import describe_trend

    at = open_page("compare", countries="COL,PER,MEX", indicator="glotip_victims_rate", years="2014-2021", lang="es")
    assert not at.exception
    con = duckdb.connect(str(db_env), read_only=True)
    series = con.execute("""SELECT country_iso3, year, value FROM fct_indicator_values
                            WHERE indicator_code = 'glotip_victims_rate' AND value IS NOT NULL
                              AND year BETWEEN 2014 AND 2021 AND country_iso3 IN ('COL', 'PER', 'MEX')""").df()
    names = dict(con.execute("SELECT country_iso3, name_es FROM dim_countries").fetchall())
    last = series[series["year"] == series["year"].max()].sort_values("value", ascending=False)
    top = names[last.iloc[0]["country_iso3"]]
    trend = at.get("plotly_chart")[0].proto
    assert trend.alt.startswith(f"En {series['year'].max()}, {top} registró el valor más alto")
    assert trend.alt == describe_trend(series, names, "es", "por 100 mil habitantes")
    assert trend.alt in captions(at)  # the same words are shown under the chart and read out as alt text
    image = json.loads(trend.config)["toImageButtonOptions"]
    assert image == {"format": "png", "filename": "gcm-compare-glotip_victims_rate-COL-PER-MEX-2014-2021-trend",
                     "scale": 2}


def test_the_caption_under_the_ranking_compares_each_country_with_the_median(db_env):
    at = open_page("compare", countries="COL,PER", indicator="glotip_victims_rate", years="2014-2021")
    latest = latest_rates(db_env)
    median = latest.median()
    ranking = at.get("plotly_chart")[1].proto
    side = {c: "above" if latest[c] > median else "below" for c in ("COL", "PER")}
    assert f"Colombia is {side['COL']} it" in ranking.alt and f"Peru is {side['PER']} it" in ranking.alt
    assert f"regional median of {median:.2f}" in ranking.alt
    assert ranking.alt in captions(at)
    assert json.loads(ranking.config)["toImageButtonOptions"]["filename"].endswith("-ranking")


def test_a_country_whose_rate_rests_on_too_few_deaths_is_not_ranked_and_the_card_says_why(db_env):
    at = open_page("compare", countries="MEX,PER", indicator="mmp_dead_missing_nationals_rate", years="2014-2025",
                   lang="pt")
    assert not at.exception
    con = duckdb.connect(str(db_env), read_only=True)
    deaths = dict(con.execute("""SELECT country_iso3, value FROM fct_indicator_values
                                 WHERE indicator_code = 'mmp_dead_missing_nationals' AND year = 2024""").fetchall())
    assert deaths["PER"] < 20 <= deaths["MEX"]
    said = [c.value.replace("\\", "") for c in at.caption]
    assert "2024 · sem posição: menos de 20 casos" in said  # Peru's card
    ranks = dict(con.execute(f"SELECT country_iso3, rank() OVER (ORDER BY value) FROM ({RANKED_LATEST_SQL})",
                             ranked_params("mmp_dead_missing_nationals_rate", 2014, 2025)).fetchall())
    assert len(ranks) == sum(1 for n in deaths.values() if n >= 20) and "PER" not in ranks
    assert f"2024 · posição {ranks['MEX']} de {len(ranks)}" in said  # Mexico's
    assert any("Peru (0,02) não é classificado: menos de 20 casos" in c for c in said)
    table = at.dataframe[0].value
    assert list(table.iloc[:, 3]) == [f"posição {ranks['MEX']} de {len(ranks)}", "sem posição: menos de 20 casos"]


def test_the_download_says_why_a_country_or_group_has_no_rank_in_spanish(db_env, downloads):
    """Peru's dead and missing nationals per 100,000 rest on fewer than 20 deaths: no rank, and the
    download says why in the page's words (and places it against no median); a group is never ranked."""
    import io

    from tests.app.conftest import downloaded

    at = open_page("compare", countries="MEX,PER", groups="can", indicator="mmp_dead_missing_nationals_rate",
                   years="2014-2025", lang="es")
    assert not at.exception
    back = pd.read_csv(io.BytesIO(downloaded(downloads, "gcm-compare-mmp_dead_missing_nationals_rate")),
                       encoding="utf-8-sig", keep_default_na=False)
    rows = back.set_index("Código")
    assert rows.loc["MEX", "Posición"] != "" and rows.loc["MEX", "Motivo de la falta de posición"] == ""
    assert rows.loc["PER", "Posición"] == "" and rows.loc["PER", "Diferencia con la mediana regional"] == ""
    assert rows.loc["PER", "Motivo de la falta de posición"] == "sin posición: menos de 20 casos"
    assert rows.loc["can", "Motivo de la falta de posición"] == "un grupo: la mediana de sus miembros clasificados"
    shown = at.dataframe[0].value  # the same words as the table's rank column
    assert list(shown["Posición"])[1:] == list(back["Motivo de la falta de posición"])[1:]


def test_the_download_says_a_lower_bound_and_a_censored_value_are_not_ranked_in_portuguese(db_env, downloads):
    """Nationals detected abroad: Colombia's latest (2020) is a lower bound, Argentina's a censored count;
    neither is ranked, and the download (CSV and Excel) says why beside the blank rank."""
    import io

    import openpyxl

    from tests.app.conftest import downloaded

    at = open_page("compare", countries="MEX,COL,ARG", indicator="glotip_nationals_abroad", years="2014-2021",
                   lang="pt")
    assert not at.exception
    con = duckdb.connect(str(db_env), read_only=True)
    flags = dict(con.execute("""SELECT country_iso3, value_flag FROM fct_indicator_values
                                WHERE indicator_code = 'glotip_nationals_abroad' AND year = 2020
                                  AND country_iso3 IN ('COL', 'ARG')""").fetchall())
    assert flags == {"COL": "lower_bound", "ARG": "suppressed"}
    back = pd.read_csv(io.BytesIO(downloaded(downloads, "gcm-compare-glotip_nationals_abroad")),
                       encoding="utf-8-sig", keep_default_na=False).set_index("Código")
    why = "Motivo da falta de posição"
    assert back.loc["MEX", why] == "" and back.loc["MEX", "Posição"] != ""
    assert back.loc["COL", why] == "sem posição: limite inferior (sem as partes suprimidas)"
    assert back.loc["ARG", why] == "sem posição: valor censurado (<5)"
    assert (back.loc[["COL", "ARG"], "Posição"] == "").all()
    sheet = openpyxl.load_workbook(io.BytesIO(downloaded(downloads, "gcm-compare-glotip_nationals_abroad",
                                                         ".xlsx"))).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert [r[header.index(why)].value for r in sheet.iter_rows(min_row=2)][1:] == [
        "sem posição: limite inferior (sem as partes suprimidas)", "sem posição: valor censurado (<5)"]


def test_the_trend_median_leaves_out_lower_bounds_and_the_caption_says_so_in_portuguese(db_env):
    from tests.app.test_objective import median_line, yearly_median

    at = open_page("compare", countries="MEX,COL", indicator="glotip_nationals_abroad", years="2014-2021", lang="pt")
    assert not at.exception
    assert median_line(charts(at)[0], "Mediana regional") == yearly_median(db_env, "glotip_nationals_abroad",
                                                                           2014, 2021)
    assert ("Linha da mediana regional: a mediana de cada ano completo entre pelo menos 3 países, sem o que a "
            "classificação deixa de fora: valores censurados (<5) e limites inferiores.") in [c.value for c in at.caption]
