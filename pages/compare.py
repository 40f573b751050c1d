"""Compare two to six countries or peer groups on one indicator, with ranks and the regional median."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from gcm.charts import country_colours, country_symbols, ranking_figure, source_note, trend_figure
from gcm.compare import comparison_series, comparison_table
from gcm.describe import chart_config, describe_comparison, describe_trend, image_name
from gcm.formatting import number, value_text, year_text
from gcm.downloads import download_button
from gcm.filters import write_page_param
from gcm.page import page_context
from gcm.safe import escape_markdown
from gcm.queries.indicators import load_values
from gcm.stats import latest_usable, rank_with_ties

MAX_ENTITIES = 6
DEFAULT_INDICATOR = "glotip_victims_rate"

ctx = page_context(["countries", "indicator", "years"])
st.title(ctx.t("nav_compare"))
st.caption(ctx.t("cmp_intro"))

# Peer groups and subregions compare as the median of their members; kept in the URL as `groups`.
group_names = dict(zip(ctx.groups["group_code"], ctx.groups[f"name_{ctx.lang}"]))
group_members = {r.group_code: list(r.members) for r in ctx.groups.itertuples()}
raw_groups = st.query_params.get_all("groups")
if "w_cmp_groups" not in st.session_state or st.session_state.get("_cmp_groups_url") != raw_groups:
    wanted = [g.strip() for g in ",".join(raw_groups).split(",") if g.strip()]
    unknown = [g for g in wanted if g not in group_members]
    if unknown:
        st.warning(ctx.t("cmp_unknown_group", value=escape_markdown(", ".join(unknown)[:80])))
    st.session_state["w_cmp_groups"] = [g for g in dict.fromkeys(wanted) if g in group_members]
groups = st.multiselect(ctx.t("cmp_groups"), list(group_members), key="w_cmp_groups",
                        format_func=lambda g: group_names.get(g, g), placeholder=ctx.t("cmp_groups_placeholder"))
write_page_param("groups", groups)
st.session_state["_cmp_groups_url"] = st.query_params.get_all("groups")

countries = list(ctx.filters.countries)
if len(countries) + len(groups) < 2:
    st.info(ctx.t("cmp_pick_two"))
    countries = countries or ["COL", "PER"]
if len(countries) + len(groups) > MAX_ENTITIES:
    st.warning(ctx.t("cmp_too_many", n=MAX_ENTITIES))
    countries = countries[: max(0, MAX_ENTITIES - len(groups))]
    groups = groups[: MAX_ENTITIES - len(countries)]

code = ctx.filters.indicator or DEFAULT_INDICATOR
ind = ctx.indicator(code)
years = ctx.filters.years
values = load_values([code], (), years)
table, median, ranked = comparison_table(values, countries, {g: group_members[g] for g in groups}, ind["direction"])

st.subheader(ind["name"] if ind["unit"] in ind["name"] else f"{ind['name']} ({ind['unit']})")
direction_key = {"higher_is_better": "cmp_direction_higher", "lower_is_better": "cmp_direction_lower"}
st.caption(ctx.t(direction_key.get(ind["direction"], "cmp_direction_neutral")))

names = ctx.country_names() | group_names
cols = st.columns(len(table) + 1)
for col, row in zip(cols, table.itertuples()):
    label = names.get(row.entity, row.entity)
    shown = value_text(row.value, row.value_flag, row.upper_bound, ctx.lang)
    rank = ctx.t("cmp_rank_of", rank=row.rank_label, n=ranked) if row.rank_label else ""
    col.metric(label, shown, help=year_text(row.year, row.months_covered, ctx.lang))
    col.caption(" · ".join(x for x in [year_text(row.year, row.months_covered, ctx.lang), rank] if x and x != "–"))
cols[-1].metric(ctx.t("regional_median"), number(median, ctx.lang))
cols[-1].caption(ctx.t("cmp_median_of", n=ranked))

# The table a person would download: exactly what the cards above show.
shown_table = pd.DataFrame({
    ctx.t("cmp_col_entity"): [names.get(e, e) for e in table["entity"]],
    ctx.t("cmp_col_value"): [value_text(v, f, u, ctx.lang) for v, f, u in
                              zip(table["value"], table["value_flag"], table["upper_bound"])],
    ctx.t("cmp_col_year"): [year_text(y, m, ctx.lang) for y, m in zip(table["year"], table["months_covered"])],
    ctx.t("cmp_col_rank"): [ctx.t("cmp_rank_of", rank=r, n=ranked) if r else "–" for r in table["rank_label"]],
    ctx.t("cmp_col_vs_median"): [number(v, ctx.lang) for v in table["vs_median"]],
    ctx.t("cmp_col_members"): [f"{a}/{b}" if k == "group" else "" for a, b, k in
                                zip(table["members_with_data"], table["members"], table["kind"])],
})
st.dataframe(shown_table, hide_index=True, width="stretch")
# The download is that table, with numbers kept as numbers and the unit, source and licence added.
export = pd.DataFrame({
    "code": table["entity"],
    "name": [names.get(e, e) for e in table["entity"]],
    "indicator_code": code,
    "indicator": ind["name"],
    "value": table["value"],
    "value_note": [value_text(v, f, u, ctx.lang) if f else "" for v, f, u in
                   zip(table["value"], table["value_flag"], table["upper_bound"])],
    "year": table["year"].astype("Int64"),
    "rank": table["rank"].astype("Int64"),
    "countries_ranked": ranked,
    "regional_median": median,
    "vs_median": table["vs_median"],
    "members_with_data": table["members_with_data"],
    "unit": ind["unit"],
    "source": ind["source"],
    "licence": ind["licence"],
})
download_button(export, ctx.t("cmp_download"), f"gcm-compare-{code}", ctx, key="dl_compare", headers={
    "code": ctx.t("cmp_col_code"), "name": ctx.t("cmp_col_entity"), "rank": ctx.t("cmp_col_rank"),
    "countries_ranked": ctx.t("cmp_col_ranked"), "regional_median": ctx.t("regional_median"),
    "vs_median": ctx.t("cmp_col_vs_median"), "members_with_data": ctx.t("cmp_col_members"),
})

colours = country_colours(ctx.countries["country_iso3"])
colours = colours | {g: c for g, c in zip(groups, ["#000000", "#7F7F7F", "#B8860B"])}
note = source_note(ind["source"], years, ctx.t("source_label"))
stem = image_name("compare", code, *countries, *groups, years[0], years[1])
series, med = comparison_series(values, countries, {g: group_members[g] for g in groups})
if series.empty:
    st.info(ctx.t("cmp_no_data"))
else:
    fig = trend_figure(series, ctx.t("cmp_trend_title", indicator=ind["name"]), ind["unit"], note,
                       names, colours, median=med, median_label=ctx.t("regional_median"), lang=ctx.lang, symbols=country_symbols(ctx.countries["country_iso3"]),
                       presenting=ctx.presenting)
    description = describe_trend(series, names, ctx.lang, ind["unit"])
    st.plotly_chart(fig, key="cmp_trend", alt=description, config=chart_config(f"{stem}-trend"))
    st.caption(escape_markdown(description))

latest = latest_usable(values)
exact = latest[latest["value"].notna()].copy()
if len(exact):
    ranks = rank_with_ties(exact.set_index("country_iso3")["value"], ind["direction"] != "lower_is_better")
    exact = exact.join(ranks, on="country_iso3").sort_values(["rank", "country_iso3"])
    exact["label"] = [names.get(c, c) + (" ◀" if c in countries else "") for c in exact["country_iso3"]]
    fig = ranking_figure(exact, ctx.t("cmp_ranking_title", indicator=ind["name"]), ind["unit"], note,
                         colours, median=median, median_label=ctx.t("regional_median"), lang=ctx.lang,
                         presenting=ctx.presenting)
    description = describe_comparison(table, median, names, ctx.lang, ind["unit"])
    st.plotly_chart(fig, key="cmp_ranking", alt=description, config=chart_config(f"{stem}-ranking"))
    st.caption(escape_markdown(description))
    st.caption(ctx.t("cmp_ranking_caption"))
if isinstance(ind.get("caveats"), str) and ind["caveats"]:
    st.caption(ctx.t("cmp_caveat_label") + " " + ind["caveats"])
