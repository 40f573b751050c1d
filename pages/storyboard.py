"""A storyboard for a webinar: one idea per screen, stepped through with Previous and Next.

URL: /storyboard?objective=10&step=3&lang=es&present=1 (every step is a link a presenter can prepare).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from gcm import maps
from gcm.charts import country_colours, country_symbols, ranking_figure, source_note, trend_figure
from gcm.describe import chart_config, describe_ranking, describe_trend, describe_values_map, image_name
from gcm.filters import write_page_param
from gcm.formatting import number, value_text
from gcm.page import PageContext, page_context
from gcm.present import Step, load_storyboards, parse_step
from gcm.queries.geo import load_shapes
from gcm.queries.indicators import load_values
from gcm.queries.practices import load_practices
from gcm.safe import escape_markdown
from gcm.stats import latest_per_country, median_by_year, rank_with_ties
from gcm import views

DEFAULT_OBJECTIVE = 10
TOP_N = 6          # lines on a trend: more say nothing on a shared screen
TOP_RANKED = 12    # bars on a comparison
TOP_RANKED_PRESENTING = 8  # bars that stay readable on one shared screen at 1280x720
PRACTICES_SHOWN = 4
SUMMARY_CHARS = 180
# Presenter mode, one idea per screen at 1280x720: under the step bar and a two-line heading
# (about 200 px) a chart, and its description, must end above the fold. The heading names the
# chart there, so the figure drops its own title.
CHART_HEIGHT_PRESENTING = 390
RANKING_HEIGHT_PRESENTING = 360  # its description may name tied ranks: three lines of text
MAP_HEIGHT_PRESENTING = 450
MAP_COLUMN_PX = (700, MAP_HEIGHT_PRESENTING)  # the map's share of a 1200 px row (3 of 5), for the fit


def go_to(step_no: int) -> None:
    """Button callback: put the step in the URL so the screen is a link."""
    write_page_param("step", [str(step_no)])


def show_figure(fig, key: str, description: str, stem: str, note: str = "") -> None:
    """The chart, its description under it (also its alt text), and a PNG named after the step."""
    st.plotly_chart(fig, key=key, alt=description, config=chart_config(stem))
    st.caption(escape_markdown(" ".join(x for x in (description, note) if x)))


def chart_title(ctx: PageContext, key: str, indicator: str) -> str:
    """The figure's own title; none in presenter mode, where the step's heading says it."""
    return "" if ctx.presenting else ctx.t(key, indicator=indicator)


def indicator_values(ctx: PageContext, code: str) -> tuple[pd.Series, pd.DataFrame, str]:
    """The indicator's catalogue row, its values, and the source line for its charts."""
    ind = ctx.indicator(code)
    values = load_values([code], (), None)
    known = values[values["value"].notna()]
    span = (int(known["year"].min()), int(known["year"].max())) if len(known) else None
    return ind, values, source_note(ind["source"], span, ctx.t("source_label"))


def headline_step(ctx: PageContext, step: Step) -> None:
    ind, values, note = indicator_values(ctx, step.indicator)
    latest = latest_per_country(values)
    if latest.empty:
        st.info(ctx.t("present_no_values"))
        return
    cols = st.columns(3)
    if set(latest["value"].unique()) <= {0, 1}:
        yes = int((latest["value"] == 1).sum())
        cols[0].metric(ctx.t("present_metric_yes"),
                       ctx.t("present_metric_yes_value", yes=yes, total=len(latest)))
    else:
        top = latest.sort_values(["value", "country_iso3"], ascending=[False, True]).iloc[0]
        cols[0].metric(ctx.t("present_metric_highest", country=ctx.country_name(top["country_iso3"]),
                             year=int(top["year"])),
                       value_text(top["value"], top.get("value_flag"), top.get("upper_bound"), ctx.lang))
    if set(latest["value"].unique()) <= {0, 1}:
        cols[1].metric(ctx.t("present_metric_years"),
                       f"{int(latest['year'].min())}–{int(latest['year'].max())}")
    else:
        cols[1].metric(ctx.t("present_metric_median"), number(float(latest["value"].median()), ctx.lang))
    cols[2].metric(ctx.t("present_metric_countries"), f"{len(latest)} / {len(ctx.countries)}")
    st.caption(ctx.t("present_unit_note", unit=ind["unit"], source=note))


def trend_step(ctx: PageContext, step: Step, stem: str) -> None:
    ind, values, note = indicator_values(ctx, step.indicator)
    latest = latest_per_country(values)
    if latest.empty:
        st.info(ctx.t("present_no_values"))
        return
    chosen = [c for c in step.countries if c in set(latest["country_iso3"])]
    if not chosen:
        chosen = latest.sort_values("value", ascending=False)["country_iso3"].head(TOP_N).tolist()
    series = values[values["country_iso3"].isin(chosen) & values["value"].notna()]
    names = ctx.country_names()
    fig = trend_figure(series, chart_title(ctx, "obj_trend_title", ind["name"]), ind["unit"], note,
                       names, country_colours(ctx.countries["country_iso3"]),
                       median=median_by_year(values), median_label=ctx.t("regional_median"), lang=ctx.lang,
                       symbols=country_symbols(ctx.countries["country_iso3"]), presenting=ctx.presenting,
                       height=CHART_HEIGHT_PRESENTING if ctx.presenting else 460)
    show_figure(fig, "sb_trend", describe_trend(series, names, ctx.lang, ind["unit"]), stem + "-trend",
                ctx.t("present_chosen_countries") if step.countries else ctx.t("present_top_n", n=len(chosen)))


def map_step(ctx: PageContext, step: Step, stem: str) -> None:
    ind, values, note = indicator_values(ctx, step.indicator)
    if latest_per_country(values).empty:
        st.info(ctx.t("present_no_values"))
        return
    labels = maps.map_labels(ctx.t)
    names = ctx.country_names()
    deck = views.latest_values_deck(values, load_shapes(), names=names, labels=labels,
                                    indicator=ind["name"], unit=ind["unit"], focus=list(step.countries),
                                    lang=ctx.lang, presenting=ctx.presenting,
                                    size_px=MAP_COLUMN_PX if ctx.presenting else maps.MAP_SIZE_PX)
    description = describe_values_map(views.latest_usable(values), names, ctx.lang, ind["unit"])
    items = views.legend_items(views.latest_usable(values), labels, list(step.countries), ctx.lang)
    # Presenting: the map beside a stacked legend and the description, so the step fits one screen.
    where_map, where_legend = st.columns([3, 2]) if ctx.presenting else (st.container(), st.container())
    where_map.pydeck_chart(deck, height=MAP_HEIGHT_PRESENTING if ctx.presenting else 400,
                           alt=ctx.t("obj_map_alt", indicator=ind["name"]) + " " + description)
    legend = views.legend_figure(items, title=ind["unit"], note=note, presenting=ctx.presenting,
                                 vertical=ctx.presenting)
    where_legend.plotly_chart(legend, config=chart_config(stem + "-map-legend") | {"displayModeBar": False},
                              key="sb_map_legend", alt=description)
    where_legend.caption(escape_markdown(description))


def comparison_step(ctx: PageContext, step: Step, stem: str) -> None:
    ind, values, note = indicator_values(ctx, step.indicator)
    latest = latest_per_country(values)
    if step.countries:
        latest = latest[latest["country_iso3"].isin(step.countries)]
    if latest.empty:
        st.info(ctx.t("present_no_values"))
        return
    ranks = rank_with_ties(latest.set_index("country_iso3")["value"], ind["direction"] != "lower_is_better")
    ranked = latest.join(ranks, on="country_iso3").sort_values(["rank", "country_iso3"])
    names = ctx.country_names()
    ranked["label"] = [names.get(c, c) for c in ranked["country_iso3"]]
    shown = TOP_RANKED_PRESENTING if ctx.presenting else TOP_RANKED
    higher_is_better = ind["direction"] != "lower_is_better"
    fig = ranking_figure(ranked.head(shown), chart_title(ctx, "obj_ranking_title", ind["name"]), ind["unit"],
                         note, country_colours(ctx.countries["country_iso3"]),
                         median=float(latest["value"].median()), median_label=ctx.t("regional_median"),
                         lang=ctx.lang, presenting=ctx.presenting,
                         height=RANKING_HEIGHT_PRESENTING if ctx.presenting else None)
    description = describe_ranking(latest.set_index("country_iso3")["value"], names, ctx.lang, ind["unit"],
                                   higher_is_better)
    show_figure(fig, "sb_ranking", description, stem + "-ranking",
                ctx.t("present_ranked_top", n=shown, total=len(ranked)) if len(ranked) > shown else "")


def practices_step(ctx: PageContext, step: Step, objective: int) -> None:
    practices = load_practices(objective, list(step.countries))
    if practices.empty:
        st.info(ctx.t("present_no_practices"))
        return
    names = ctx.world_country_names()  # practices involve partners beyond the 35
    shown = practices.head(PRACTICES_SHOWN)
    cols = st.columns(2)
    for i, p in enumerate(shown.itertuples()):
        summary = str(p.summary or "")
        if len(summary) > SUMMARY_CHARS:
            summary = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"
        where = ", ".join(names.get(c, c) for c in p.countries)
        since = ctx.t("present_since", year=int(p.year_start)) if pd.notna(p.year_start) else ""
        with cols[i % 2].container(border=True):
            st.markdown(f"**{escape_markdown(p.title)}**")
            st.caption(escape_markdown(" · ".join(x for x in (where, since) if x)))
            if summary and not ctx.presenting:
                st.markdown(escape_markdown(summary))
    if len(practices) > PRACTICES_SHOWN:
        st.page_link("pages/practices.py", label=ctx.t("present_more_practices", n=len(practices) - PRACTICES_SHOWN),
                     icon=":material/lightbulb:", query_params={"objective": str(objective), "lang": ctx.lang})


def prompts_step(ctx: PageContext, objective: int) -> None:
    st.markdown(f"**{ctx.t('present_commitment')}:** {ctx.t(f'obj_commit_{objective}')}")
    prompts = ctx.t(f"obj_prompts_{objective}")
    if prompts.startswith("obj_prompts_"):
        st.info(ctx.t("present_no_prompts"))
        return
    st.markdown("\n".join(f"{i}. {q.strip()}" for i, q in enumerate(prompts.split("|"), start=1)))


ctx = page_context(["objective"])
boards = load_storyboards()
available = ", ".join(str(o) for o in sorted(boards))
objective = ctx.filters.objective
if objective is None:
    st.info(ctx.t("present_default_note", objective=DEFAULT_OBJECTIVE, available=available))
    objective = DEFAULT_OBJECTIVE
elif objective not in boards:
    st.warning(ctx.t("present_no_storyboard", objective=objective, default=DEFAULT_OBJECTIVE, available=available))
    objective = DEFAULT_OBJECTIVE
steps = boards[objective]
raw_step = st.query_params.get("step")
step_no = parse_step(raw_step, len(steps))
if step_no is None:
    if raw_step is not None:
        st.warning(ctx.t("present_bad_step", value=escape_markdown(str(raw_step)[:20]), total=len(steps)))
    step_no = 1
step = steps[step_no - 1]

top = st.columns([6, 1.3, 1.3], vertical_alignment="center")
top[0].caption(ctx.t("present_objective_line", objective=objective, name=ctx.objective_name(objective))
               + " · " + ctx.t("present_step_of", n=step_no, total=len(steps)))
top[1].button(ctx.t("present_prev"), key="sb_prev", icon=":material/arrow_back:", width="stretch",
              disabled=step_no <= 1, on_click=go_to, args=(step_no - 1,))
top[2].button(ctx.t("present_next"), key="sb_next", icon=":material/arrow_forward:", width="stretch",
              disabled=step_no >= len(steps), on_click=go_to, args=(step_no + 1,), type="primary")

indicator_name = ctx.indicator(step.indicator)["name"] if step.indicator else ""
st.title(ctx.t(f"present_title_{step.kind}", indicator=indicator_name))
# The PNG of a step's chart is named after the step: gcm-storyboard-10-step2-glotip_victims_rate-es-trend.png
stem = image_name("storyboard", objective, f"step{step_no}", step.indicator, ctx.lang)
if step.kind == "headline":
    headline_step(ctx, step)
elif step.kind == "trend":
    trend_step(ctx, step, stem)
elif step.kind == "map":
    map_step(ctx, step, stem)
elif step.kind == "comparison":
    comparison_step(ctx, step, stem)
elif step.kind == "practices":
    practices_step(ctx, step, objective)
else:
    prompts_step(ctx, objective)

if not ctx.presenting:
    st.divider()
    links = st.columns(2)
    links[0].page_link("pages/storyboard.py", label=ctx.t("present_open_presenter"), icon=":material/slideshow:",
                       query_params={"objective": str(objective), "step": str(step_no), "lang": ctx.lang,
                                     "present": "1"})
    links[1].page_link("pages/objective.py", label=ctx.t("present_explore"), icon=":material/flag:",
                       query_params={"objective": str(objective), "lang": ctx.lang})
