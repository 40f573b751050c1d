"""One GCM objective: what it commits to, its indicators' trends and ranking, a map, practices, prompts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from gcm.charts import country_colours, country_symbols, ranking_figure, source_note, trend_figure
from gcm.describe import chart_config, describe_ranking, describe_trend, describe_values_map, image_name
from gcm.downloads import download_button
from gcm.export import tidy_values
from gcm.formatting import value_text, year_text
from gcm import maps
from gcm.page import page_context
from gcm.queries.geo import load_shapes
from gcm.queries.indicators import load_values
from gcm.queries.practices import load_practices
from gcm.safe import escape_markdown
from gcm.stats import latest_per_country, median_by_year, rank_with_ties
from gcm import views

DEFAULT_OBJECTIVE = 10
KIND_ORDER = {"outcome": 0, "policy": 1, "context": 2}
TOP_N = 6

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

    values = load_values([code], (), years)
    names = ctx.country_names()
    colours = country_colours(ctx.countries["country_iso3"])
    note = source_note(ind["source"], years, ctx.t("source_label"))
    latest = latest_per_country(values)
    if latest.empty:
        st.info(ctx.t("obj_no_values"))
    else:
        chosen = list(ctx.filters.countries)
        if not chosen:
            # Too many lines say nothing: the largest latest values, and the median for reference.
            chosen = latest.sort_values("value", ascending=False)["country_iso3"].head(TOP_N).tolist()
            st.caption(ctx.t("obj_top_n", n=TOP_N))
        series = values[values["country_iso3"].isin(chosen) & values["value"].notna()]
        fig = trend_figure(series, ctx.t("obj_trend_title", indicator=ind["name"]), ind["unit"], note, names,
                           colours, median=median_by_year(values), median_label=ctx.t("regional_median"), lang=ctx.lang, symbols=country_symbols(ctx.countries["country_iso3"]),
                           presenting=ctx.presenting)
        stem = image_name("objective", objective, code, years[0], years[1])
        description = describe_trend(series, names, ctx.lang, ind["unit"])
        st.plotly_chart(fig, key="obj_trend", alt=description, config=chart_config(f"{stem}-trend"))
        st.caption(escape_markdown(description))

        ranks = rank_with_ties(latest.set_index("country_iso3")["value"], ind["direction"] != "lower_is_better")
        ranked = latest.join(ranks, on="country_iso3").sort_values(["rank", "country_iso3"])
        ranked["label"] = [names.get(c, c) for c in ranked["country_iso3"]]
        fig = ranking_figure(ranked, ctx.t("obj_ranking_title", indicator=ind["name"]), ind["unit"], note,
                             colours, median=float(latest["value"].median()), median_label=ctx.t("regional_median"), lang=ctx.lang,
                             presenting=ctx.presenting)
        description = describe_ranking(latest.set_index("country_iso3")["value"], names, ctx.lang, ind["unit"],
                                       ind["direction"] != "lower_is_better")
        st.plotly_chart(fig, key="obj_ranking", alt=description, config=chart_config(f"{stem}-ranking"))
        st.caption(escape_markdown(description))
        st.caption(ctx.t("obj_ranking_caption"))

        st.subheader(ctx.t("obj_map_header", indicator=ind["name"]))
        labels = maps.map_labels(ctx.t)
        deck = views.latest_values_deck(values, load_shapes(), names=names, labels=labels, indicator=ind["name"],
                                       unit=ind["unit"], focus=list(ctx.filters.countries), lang=ctx.lang,
                                       presenting=ctx.presenting)
        description = describe_values_map(views.latest_usable(values), names, ctx.lang, ind["unit"])
        st.pydeck_chart(deck, height=480, alt=ctx.t("obj_map_alt", indicator=ind["name"]) + " " + description)
        st.plotly_chart(
            views.legend_figure(views.legend_items(views.latest_usable(values), labels, list(ctx.filters.countries),
                                                 ctx.lang),
                               title=ind["name"], note=note, presenting=ctx.presenting),
            config=chart_config(f"{stem}-map-legend") | {"displayModeBar": False}, key="obj_map_legend",
            alt=description,
        )
        st.caption(escape_markdown(description))
        st.caption(ctx.t("obj_map_caption"))

        table = ranked.assign(
            name=ranked["label"],
            shown=[value_text(v, f, u, ctx.lang) for v, f, u in
                   zip(ranked["value"], ranked["value_flag"], ranked["upper_bound"])],
            year_shown=[year_text(y, m, ctx.lang) for y, m in zip(ranked["year"], ranked["months_covered"])],
        )
        st.dataframe(
            table[["rank_label", "name", "shown", "year_shown"]].rename(columns={
                "rank_label": ctx.t("obj_col_rank"), "name": ctx.t("obj_col_country"),
                "shown": ctx.t("obj_col_value"), "year_shown": ctx.t("obj_col_year")}),
            hide_index=True, width="stretch",
        )
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
