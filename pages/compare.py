"""Compare two to six countries or peer groups on one indicator, with ranks and the regional median."""
from __future__ import annotations

import streamlit as st

from gcm.cache import view_model
from gcm.describe import chart_config, image_name
from gcm.downloads import download_button
from gcm.filters import offer_years_with_data, page_param, show_notes, write_page_param
from gcm.models.compare import compare_model
from gcm.page import chart_table, page_context, section_heading
from gcm.queries.indicators import load_year_span
from gcm.safe import escape_markdown
from gcm.tables import show_table

MAX_ENTITIES = 6
DEFAULT_INDICATOR = "glotip_victims_rate"


# Built once per indicator, years, countries, groups, language and build, and shared by every session:
# the tables, medians and two figures were most of this page's rerun, and readers ask for the same ones.
_compare_model = view_model(compare_model)


ctx = page_context(["countries", "indicator", "years"])
st.title(ctx.t("nav_compare"))
st.caption(ctx.t("cmp_intro"))

# Peer groups and subregions compare as the median of their members; kept in the URL as `groups`.
group_names = dict(zip(ctx.groups["group_code"], ctx.groups[f"name_{ctx.lang}"]))
group_members = {r.group_code: list(r.members) for r in ctx.groups.itertuples()}
show_notes(page_param("groups", "w_cmp_groups", group_members.__contains__, "cmp_unknown_group", default=[]),
           ctx.lang)
groups = st.multiselect(ctx.t("cmp_groups"), list(group_members), key="w_cmp_groups",
                        format_func=lambda g: group_names.get(g, g), placeholder=ctx.t("cmp_groups_placeholder"),
                        help=ctx.t("cmp_groups_help"))
write_page_param("groups", groups)

countries = list(ctx.filters.countries)
if len(countries) + len(groups) < 2:
    st.info(ctx.t("cmp_pick_two"))
    countries = countries or ["COL", "PER"]
if len(countries) + len(groups) > MAX_ENTITIES:
    st.warning(ctx.t("cmp_too_many", n=MAX_ENTITIES))
    countries = countries[: max(0, MAX_ENTITIES - len(groups))]
    groups = groups[: MAX_ENTITIES - len(countries)]

code = ctx.filters.indicator or DEFAULT_INDICATOR
years = ctx.filters.years
model = _compare_model(code, tuple(years), tuple(countries), tuple(groups), ctx.lang, ctx.presenting, ctx.locale)

section_heading(model.heading, "cmp_indicator")
st.caption(model.direction)
if model.trend is None:  # the way out first, above the empty cards
    members = countries + [c for g in groups for c in group_members[g]]
    if not offer_years_with_data(ctx.indicator(code)["name"], tuple(years), load_year_span([code], members), ctx.lang,
                                 key="cmp_use_years"):
        st.info(ctx.t("cmp_no_data"))
for col, card in zip(st.columns(len(model.cards)), model.cards):
    col.metric(card.label, card.value, help=card.help)
    col.caption(card.caption)

# The table a person would download: exactly what the cards above show.
show_table(model.shown_table, ctx)
download_button(model.export, ctx.t("cmp_download"), f"gcm-compare-{code}", ctx, key="dl_compare",
                headers=model.export_headers)

stem = image_name("compare", code, *countries, *groups, years[0], years[1])
if model.trend is not None:
    st.plotly_chart(model.trend, key="cmp_trend", alt=model.trend_text,
                    config=chart_config(f"{stem}-trend", ctx.lang))
    st.caption(escape_markdown(model.trend_text))
    if model.trend_caption:
        st.caption(model.trend_caption)
    chart_table(model.trend, ctx)
if model.ranking is not None:
    st.plotly_chart(model.ranking, key="cmp_ranking", alt=model.ranking_text,
                    config=chart_config(f"{stem}-ranking", ctx.lang))
    st.caption(escape_markdown(model.ranking_text))
    st.caption(ctx.t("cmp_ranking_caption"))
if model.caveats:
    st.caption(ctx.t("cmp_caveat_label") + " " + model.caveats)
