"""Compare two to six countries or peer groups on one indicator, with ranks and the regional median."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from gcm.charts import country_colours, country_symbols, ranking_figure, source_note, trend_figure
from gcm.compare import comparison_series, comparison_table
from gcm.describe import chart_config, describe_comparison, describe_trend, image_name
from gcm.formatting import number, value_text, year_text
from gcm.downloads import download_button
from gcm.db import build_key
from gcm.filters import write_page_param
from gcm.i18n import translator
from gcm.memo import arrow
from gcm.page import page_context
from gcm.safe import escape_markdown
from gcm.queries.indicators import load_values
from gcm.queries.reference import country_names, load_countries, load_indicators, load_peer_groups
from gcm.stats import latest_usable, rank_with_ties

MAX_ENTITIES = 6
DEFAULT_INDICATOR = "glotip_victims_rate"

@dataclass(frozen=True)
class ComparisonView:
    """The comparison's table, download, charts and their descriptions, ready to show."""

    table: pd.DataFrame  # one row per country or group (see gcm.compare.comparison_table)
    median: float
    ranked: int
    names: dict[str, str]
    shown_table: object  # a pyarrow Table
    export: pd.DataFrame
    trend: object | None
    trend_text: str
    ranking: object | None
    ranking_text: str


def comparison_view(code: str, years: tuple[int, int], countries: tuple[str, ...], groups: tuple[str, ...],
                    lang: str, presenting: bool) -> ComparisonView:
    """The comparison for the current build: shared by every session that asks for the same one."""
    return _comparison_view(build_key(), code, years, countries, groups, lang, presenting)


# Built once per indicator, years, countries, groups, language and build: the tables, medians and two
# figures were most of this page's rerun, and readers in a webinar ask for the same comparisons.
@st.cache_resource(max_entries=256, show_spinner=False)
def _comparison_view(build: str, code: str, years: tuple[int, int], countries: tuple[str, ...],
                     groups: tuple[str, ...], lang: str, presenting: bool) -> ComparisonView:
    tr = translator(lang)

    ind = load_indicators().set_index("indicator_code").loc[code]
    name, unit = str(ind[f"name_{lang}"]), ind[f"unit_{lang}"]
    all_countries = load_countries()
    peer_groups = load_peer_groups()
    group_members = {r.group_code: list(r.members) for r in peer_groups.itertuples()}
    names = country_names(lang) | dict(
        zip(peer_groups["group_code"], peer_groups[f"name_{lang}"]))
    chosen_groups = {g: group_members[g] for g in groups}
    values = load_values([code], (), years)
    table, median, ranked = comparison_table(values, list(countries), chosen_groups, ind["direction"])
    shown_table = arrow(pd.DataFrame({
        tr("cmp_col_entity"): [names.get(e, e) for e in table["entity"]],
        tr("cmp_col_value"): [value_text(v, f, u, lang) for v, f, u in
                              zip(table["value"], table["value_flag"], table["upper_bound"])],
        tr("cmp_col_year"): [year_text(y, m, lang) for y, m in zip(table["year"], table["months_covered"])],
        tr("cmp_col_rank"): [tr("cmp_rank_of", rank=r, n=ranked) if r else "–" for r in table["rank_label"]],
        tr("cmp_col_vs_median"): [number(v, lang) for v in table["vs_median"]],
        tr("cmp_col_members"): [f"{a}/{b}" if k == "group" else "" for a, b, k in
                                zip(table["members_with_data"], table["members"], table["kind"])],
    }))
    # The download is that table, with numbers kept as numbers and the unit, source and licence added.
    export = pd.DataFrame({
        "code": table["entity"],
        "name": [names.get(e, e) for e in table["entity"]],
        "indicator_code": code,
        "indicator": name,
        "value": table["value"],
        "value_note": [value_text(v, f, u, lang) if f else "" for v, f, u in
                       zip(table["value"], table["value_flag"], table["upper_bound"])],
        "year": table["year"].astype("Int64"),
        "rank": table["rank"].astype("Int64"),
        "countries_ranked": ranked,
        "regional_median": median,
        "vs_median": table["vs_median"],
        "members_with_data": table["members_with_data"],
        "unit": unit,
        "source": ind["source"],
        "licence": ind["licence"],
    })
    colours = country_colours(all_countries["country_iso3"])
    colours = colours | {g: c for g, c in zip(groups, ["#000000", "#7F7F7F", "#B8860B"])}
    note = source_note(ind["source"], years, tr("source_label"))
    series, med = comparison_series(values, list(countries), chosen_groups)
    trend, trend_text = None, ""
    if not series.empty:
        trend = trend_figure(series, tr("cmp_trend_title", indicator=name), unit, note, names, colours, median=med,
                             median_label=tr("regional_median"), lang=lang,
                             symbols=country_symbols(all_countries["country_iso3"]), presenting=presenting)
        trend_text = describe_trend(series, names, lang, unit)
    latest = latest_usable(values)
    exact = latest[latest["value"].notna()].copy()
    ranking, ranking_text = None, ""
    if len(exact):
        ranks = rank_with_ties(exact.set_index("country_iso3")["value"], ind["direction"] != "lower_is_better")
        exact = exact.join(ranks, on="country_iso3").sort_values(["rank", "country_iso3"])
        exact["label"] = [names.get(c, c) + (" ◀" if c in countries else "") for c in exact["country_iso3"]]
        ranking = ranking_figure(exact, tr("cmp_ranking_title", indicator=name), unit, note, colours, median=median,
                                 median_label=tr("regional_median"), lang=lang, presenting=presenting)
        ranking_text = describe_comparison(table, median, names, lang, unit)
    return ComparisonView(table, median, ranked, names, shown_table, export, trend, trend_text, ranking,
                          ranking_text)


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
view = comparison_view(code, tuple(years), tuple(countries), tuple(groups), ctx.lang, ctx.presenting)
table, median, ranked, names = view.table, view.median, view.ranked, view.names

st.subheader(ind["name"] if ind["unit"] in ind["name"] else f"{ind['name']} ({ind['unit']})")
direction_key = {"higher_is_better": "cmp_direction_higher", "lower_is_better": "cmp_direction_lower"}
st.caption(ctx.t(direction_key.get(ind["direction"], "cmp_direction_neutral")))

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
st.dataframe(view.shown_table, hide_index=True, width="stretch")
download_button(view.export, ctx.t("cmp_download"), f"gcm-compare-{code}", ctx, key="dl_compare", headers={
    "code": ctx.t("cmp_col_code"), "name": ctx.t("cmp_col_entity"), "rank": ctx.t("cmp_col_rank"),
    "countries_ranked": ctx.t("cmp_col_ranked"), "regional_median": ctx.t("regional_median"),
    "vs_median": ctx.t("cmp_col_vs_median"), "members_with_data": ctx.t("cmp_col_members"),
})

stem = image_name("compare", code, *countries, *groups, years[0], years[1])
if view.trend is None:
    st.info(ctx.t("cmp_no_data"))
else:
    st.plotly_chart(view.trend, key="cmp_trend", alt=view.trend_text, config=chart_config(f"{stem}-trend"))
    st.caption(escape_markdown(view.trend_text))
if view.ranking is not None:
    st.plotly_chart(view.ranking, key="cmp_ranking", alt=view.ranking_text, config=chart_config(f"{stem}-ranking"))
    st.caption(escape_markdown(view.ranking_text))
    st.caption(ctx.t("cmp_ranking_caption"))
if isinstance(ind.get("caveats"), str) and ind["caveats"]:
    st.caption(ctx.t("cmp_caveat_label") + " " + ind["caveats"])
