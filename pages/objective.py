"""One GCM objective: what it commits to, its indicators' trends and ranking, a map, practices, prompts."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from gcm.charts import country_colours, country_symbols, ranking_figure, source_note, trend_figure
from gcm.describe import chart_config, describe_ranking, describe_trend, describe_values_map, image_name
from gcm.downloads import download_button
from gcm.export import tidy_values
from gcm.formatting import value_text, year_text
from gcm import maps
from gcm.db import build_key
from gcm.i18n import translator
from gcm.memo import arrow, frozen
from gcm.page import page_context
from gcm.queries.geo import load_shapes
from gcm.queries.indicators import load_values
from gcm.queries.practices import load_practices
from gcm.queries.reference import country_names, load_countries, load_indicators
from gcm.safe import escape_markdown
from gcm.stats import latest_per_country, latest_usable, median_by_year, rank_with_ties

DEFAULT_OBJECTIVE = 10
KIND_ORDER = {"outcome": 0, "policy": 1, "context": 2}
TOP_N = 6


@dataclass(frozen=True)
class IndicatorView:
    """One indicator's charts, map, table and their descriptions, ready to show."""

    values: pd.DataFrame
    trend: object
    trend_text: str
    ranking: object
    ranking_text: str
    deck: object
    legend: object
    map_text: str
    table: object  # a pyarrow Table


def indicator_view(code: str, years: tuple[int, int], chosen: tuple[str, ...], lang: str,
                   presenting: bool) -> IndicatorView | None:
    """The indicator's part of the page for the current build (None when it has no values in the years)."""
    return _indicator_view(build_key(), code, years, chosen, lang, presenting)


# Built once per indicator, years, countries, language and build, and shared by every session:
# three figures, a map and their texts were most of this page's rerun, for the same inputs each time.
@st.cache_resource(max_entries=256, show_spinner=False)
def _indicator_view(build: str, code: str, years: tuple[int, int], chosen: tuple[str, ...], lang: str,
                    presenting: bool) -> IndicatorView | None:
    tr = translator(lang)

    catalogue = load_indicators().set_index("indicator_code")
    ind = catalogue.loc[code]
    name, unit = str(ind[f"name_{lang}"]), ind[f"unit_{lang}"]
    countries = load_countries()
    names = country_names(lang)
    values = load_values([code], (), years)
    latest = latest_per_country(values)
    if latest.empty:
        return None
    colours = country_colours(countries["country_iso3"])
    note = source_note(ind["source"], years, tr("source_label"))
    # Too many lines say nothing: without a choice, the largest latest values, and the median for reference.
    shown = list(chosen) or latest.sort_values("value", ascending=False)["country_iso3"].head(TOP_N).tolist()
    series = values[values["country_iso3"].isin(shown) & values["value"].notna()]
    trend = trend_figure(series, tr("obj_trend_title", indicator=name), unit, note, names, colours,
                         median=median_by_year(values), median_label=tr("regional_median"), lang=lang,
                         symbols=country_symbols(countries["country_iso3"]), presenting=presenting)
    higher_is_better = ind["direction"] != "lower_is_better"
    ranks = rank_with_ties(latest.set_index("country_iso3")["value"], higher_is_better)
    ranked = latest.join(ranks, on="country_iso3").sort_values(["rank", "country_iso3"])
    ranked["label"] = [names.get(c, c) for c in ranked["country_iso3"]]
    ranking = ranking_figure(ranked, tr("obj_ranking_title", indicator=name), unit, note, colours,
                             median=float(latest["value"].median()), median_label=tr("regional_median"), lang=lang,
                             presenting=presenting)
    labels = maps.map_labels(tr)
    last = latest_usable(values)
    deck = frozen(maps.latest_values_deck(values, load_shapes(), names=names, labels=labels, indicator=name,
                                          unit=unit, focus=list(chosen), lang=lang, presenting=presenting))
    legend = frozen(maps.legend_figure(maps.legend_items(last, labels, list(chosen), lang), title=name, note=note,
                                       presenting=presenting))
    table = arrow(pd.DataFrame({
        tr("obj_col_rank"): ranked["rank_label"],
        tr("obj_col_country"): ranked["label"],
        tr("obj_col_value"): [value_text(v, f, u, lang) for v, f, u in
                              zip(ranked["value"], ranked["value_flag"], ranked["upper_bound"])],
        tr("obj_col_year"): [year_text(y, m, lang) for y, m in zip(ranked["year"], ranked["months_covered"])],
    }))
    return IndicatorView(
        values=values, trend=trend, trend_text=describe_trend(series, names, lang, unit),
        ranking=ranking, ranking_text=describe_ranking(latest.set_index("country_iso3")["value"], names, lang, unit,
                                                       higher_is_better),
        deck=deck, legend=legend, map_text=describe_values_map(last, names, lang, unit), table=table,
    )


ctx = page_context(["countries", "objective", "indicator", "years"])
objective = ctx.filters.objective or DEFAULT_OBJECTIVE
if ctx.filters.objective is None:
    st.info(ctx.t("obj_default_note", objective=objective))

st.title(ctx.t("obj_title", objective=objective, name=ctx.objective_name(objective)))
st.markdown(ctx.t(f"obj_commit_{objective}"))
st.caption(ctx.t("obj_own_words"))

indicators = ctx.indicators[ctx.indicators["objective_id"] == objective].copy()
indicators["order"] = indicators["kind"].map(KIND_ORDER)
indicators = indicators.sort_values(["order", "indicator_code"])
years = ctx.filters.years

if indicators.empty:
    st.warning(ctx.t("obj_no_indicators"))
else:
    overview = pd.DataFrame({
        ctx.t("obj_col_indicator"): indicators[f"name_{ctx.lang}"],
        ctx.t("obj_col_kind"): [ctx.t(f"kind_{k}") for k in indicators["kind"]],
        ctx.t("obj_col_unit"): indicators["unit"],
        ctx.t("obj_col_years"): [f"{a}–{b}" for a, b in zip(indicators["first_year"], indicators["last_year"])],
        ctx.t("obj_col_countries"): indicators["countries"],
    })
    st.subheader(ctx.t("obj_indicators_header"))
    st.dataframe(overview, hide_index=True, width="stretch")

    codes = indicators["indicator_code"].tolist()
    headline = ctx.objectives.set_index("objective_id").loc[objective, "headline_indicator"]
    code = ctx.filters.indicator if ctx.filters.indicator in codes else (headline if headline in codes else codes[0])
    ind = ctx.indicator(code)
    st.header(ind["name"])
    st.caption(f"{ind['definition']} · {ctx.t('obj_unit')}: {ind['unit']}")

    view = indicator_view(code, tuple(years), tuple(ctx.filters.countries), ctx.lang, ctx.presenting)
    if view is None:
        st.info(ctx.t("obj_no_values"))
    else:
        if not ctx.filters.countries:
            st.caption(ctx.t("obj_top_n", n=TOP_N))
        stem = image_name("objective", objective, code, years[0], years[1])
        st.plotly_chart(view.trend, key="obj_trend", alt=view.trend_text, config=chart_config(f"{stem}-trend"))
        st.caption(escape_markdown(view.trend_text))
        st.plotly_chart(view.ranking, key="obj_ranking", alt=view.ranking_text, config=chart_config(f"{stem}-ranking"))
        st.caption(escape_markdown(view.ranking_text))
        st.caption(ctx.t("obj_ranking_caption"))

        st.subheader(ctx.t("obj_map_header", indicator=ind["name"]))
        st.pydeck_chart(view.deck, height=480, alt=ctx.t("obj_map_alt", indicator=ind["name"]) + " " + view.map_text)
        st.plotly_chart(view.legend, config=chart_config(f"{stem}-map-legend") | {"displayModeBar": False},
                        key="obj_map_legend", alt=view.map_text)
        st.caption(escape_markdown(view.map_text))
        st.caption(ctx.t("obj_map_caption"))
        st.dataframe(view.table, hide_index=True, width="stretch")
        values = view.values
        download_button(
            lambda: tidy_values(values, indicators=ctx.indicators, countries=ctx.countries,
                                objectives=ctx.objectives, lang=ctx.lang),
            ctx.t("data_download_chart"), f"gcm-objective-{objective}-{code}", ctx, key="dl_objective",
        )
    if isinstance(ind.get("caveats"), str) and ind["caveats"]:
        st.caption(ctx.t("obj_caveats") + " " + ind["caveats"])

st.header(ctx.t("obj_practices_header"))
practices = load_practices(objective, list(ctx.filters.countries))
world = ctx.world_country_names()
if practices.empty:
    st.info(ctx.t("obj_no_practices"))
else:
    st.dataframe(
        pd.DataFrame({
            ctx.t("obj_col_practice"): practices["title"],
            ctx.t("obj_col_countries_list"): [", ".join(world.get(c, c) for c in cs) for cs in practices["countries"]],
            ctx.t("obj_col_start"): practices["year_start"],
            ctx.t("obj_col_main"): [ctx.t("yes") if p else "" for p in practices["is_primary_for_objective"]],
        }),
        hide_index=True, width="stretch",
    )
    st.page_link("pages/practices.py", label=ctx.t("obj_all_practices"), icon=":material/lightbulb:",
                 query_params={"objective": str(objective), "lang": ctx.lang})

prompts = ctx.t(f"obj_prompts_{objective}")
if not prompts.startswith("obj_prompts_"):
    st.header(ctx.t("obj_prompts_header"))
    for question in prompts.split("|"):
        st.markdown(f"- {question}")
