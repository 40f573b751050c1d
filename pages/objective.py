"""One GCM objective: what it commits to, its indicators' trends and ranking, a map, practices, prompts."""
from __future__ import annotations

import streamlit as st

from gcm.cache import view_model
from gcm.describe import chart_config, image_name
from gcm.downloads import download_button
from gcm.filters import offer_years_with_data
from gcm.models.objective import TOP_N, indicator_view, objective_model, values_download
from gcm.page import chart_table, page_context, section_heading
from gcm.queries.indicators import load_year_span
from gcm.queries.practices import practices_version
from gcm.safe import escape_markdown
from gcm.tables import show_table

DEFAULT_OBJECTIVE = 10


# Built once per filters and warehouse build (the objective's also per published practices), and
# shared by every session: a webinar's audience opens the same link.
_objective_model = view_model(objective_model, practices_version)
_indicator_view = view_model(indicator_view)


ctx = page_context(["countries", "objective", "indicator", "years"])
objective = ctx.filters.objective or DEFAULT_OBJECTIVE
model = _objective_model(objective, ctx.filters.indicator, tuple(ctx.filters.countries), ctx.lang)

st.title(ctx.t("obj_title", objective=objective, name=ctx.objective_name(objective)))
if ctx.filters.objective is None:  # plain navigation: say how the page works, not that nothing was chosen
    st.caption(ctx.t("obj_default_note", objective=objective))
st.markdown(ctx.t(f"obj_commit_{objective}"))
st.caption(ctx.t("obj_own_words"))
years = ctx.filters.years

if model.code is None:
    st.warning(ctx.t("obj_no_indicators"))
else:
    section_heading(ctx.t("obj_indicators_header"), "obj_indicators")
    show_table(model.overview, ctx)

    code = model.code
    st.header(model.name)
    st.caption(model.about)
    if model.caveats:  # where the figures are, not below them
        st.caption(ctx.t("obj_caveats") + " " + model.caveats)

    view = _indicator_view(code, tuple(years), tuple(ctx.filters.countries), ctx.lang, ctx.presenting, ctx.locale)
    if view is None:
        if not offer_years_with_data(model.name, tuple(years), load_year_span([code], ctx.filters.countries), ctx.lang,
                                     key="obj_use_years"):
            st.info(ctx.t("obj_no_values"))
    else:
        if not ctx.filters.countries:
            st.caption(ctx.t("obj_top_n", n=TOP_N))
        stem = image_name("objective", objective, code, years[0], years[1])
        st.plotly_chart(view.trend, key="obj_trend", alt=view.trend_text,
                        config=chart_config(f"{stem}-trend", ctx.lang))
        st.caption(escape_markdown(view.trend_text))
        if view.trend_caption:  # what the median line leaves out, as the ranking does
            st.caption(view.trend_caption)
        chart_table(view.trend, ctx)
        st.plotly_chart(view.ranking, key="obj_ranking", alt=view.ranking_text,
                        config=chart_config(f"{stem}-ranking", ctx.lang))
        st.caption(escape_markdown(view.ranking_text))
        if view.ranking_caption:  # how ranks are made; a status has none
            st.caption(view.ranking_caption)

        st.subheader(ctx.t("obj_map_header", indicator=model.name))
        st.pydeck_chart(view.deck, height=480, alt=view.map_alt)
        st.plotly_chart(view.legend, config=chart_config(f"{stem}-map-legend") | {"displayModeBar": False},
                        key="obj_map_legend", alt=view.map_text)
        st.caption(escape_markdown(view.map_text))
        st.caption(ctx.t("obj_map_caption"))
        show_table(view.table, ctx)
        values = view.values
        download_button(lambda: values_download(values, ctx.lang), ctx.t("data_download_chart"),
                        f"gcm-objective-{objective}-{code}", ctx, key="dl_objective")

st.header(ctx.t("obj_practices_header"))
if model.practices.num_rows == 0:
    st.info(ctx.t("obj_no_practices"))
else:
    show_table(model.practices, ctx)
    st.page_link("pages/practices.py", label=ctx.t("obj_all_practices"), icon=":material/lightbulb:",
                 query_params={"objective": str(objective), "lang": ctx.lang_param})

if model.prompts:
    st.header(ctx.t("obj_prompts_header"))
    for question in model.prompts:
        st.markdown(f"- {question}")
