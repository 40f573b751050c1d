"""A storyboard for a webinar: one idea per screen, stepped through with Previous and Next.

URL: /storyboard?objective=10&step=3&lang=es&present=1 (every step is a link a presenter can prepare).
The charts are the objective page's (gcm/models/objective.py), over every year, laid out for one screen.
"""
from __future__ import annotations

import streamlit as st

from gcm.cache import view_model
from gcm.describe import chart_config, image_name
from gcm.filters import page_param, write_page_param
from gcm.models.objective import (CHART_KINDS, MAP_HEIGHT_PRESENTING, ChartSlide, practice_cards, prompts,
                                  storyboard_slide)
from gcm.page import PageContext, chart_table, page_context
from gcm.present import load_storyboards, parse_step, step_keys
from gcm.queries.practices import practices_version
from gcm.safe import escape_markdown

DEFAULT_OBJECTIVE = 10
STEP = "_sb_step"  # the step shown (session state), kept in the URL as `step`


def move(by: int, total: int) -> None:
    """Button and key callback: the next (+1) or previous (-1) step, within the storyboard's `total`.

    It writes the URL itself, before the page reads it: a second key press can come with the browser's
    address of one step before, which must not look like a new link."""
    step_no = min(max(int(st.session_state.get(STEP, 1)) + by, 1), total)
    st.session_state[STEP] = step_no
    write_page_param("step", [str(step_no)])


# Built once per step, language, mode and warehouse build (practices also per published practices),
# and shared by every session: a webinar's audience opens the same steps.
_slide = view_model(storyboard_slide)
_practice_cards = view_model(practice_cards, practices_version)


def show_figure(ctx: PageContext, slide: ChartSlide, key: str, stem: str, rows_header: str) -> None:
    """The chart, its description under it (also its alt text), a PNG named after the step, and, out of
    presenter mode (where a step must fit one screen), its figures as a table."""
    st.plotly_chart(slide.figure, key=key, alt=slide.text, config=chart_config(stem, ctx.lang))
    st.caption(escape_markdown(" ".join(x for x in (slide.text, slide.note) if x)))
    if not ctx.presenting:
        chart_table(slide.figure, ctx, rows_header=rows_header)


def show_slide(ctx: PageContext, slide: ChartSlide, stem: str) -> None:
    """A headline, trend, comparison or map step."""
    if slide.empty:
        st.info(ctx.t("present_no_values"))
    elif slide.kind == "headline":
        for col, (label, value) in zip(st.columns(3), slide.metrics):
            col.metric(label, value)
        st.caption(slide.note)
        if slide.caveat:
            st.caption("⚠ " + escape_markdown(slide.caveat))
    elif slide.kind == "trend":
        show_figure(ctx, slide, "sb_trend", stem + "-trend", "data_col_year")
    elif slide.kind == "comparison":
        show_figure(ctx, slide, "sb_ranking", stem + "-ranking", "data_col_country")
    else:
        # Presenting: the map beside a stacked legend and the description, so the step fits one screen.
        where_map, where_legend = st.columns([3, 2]) if ctx.presenting else (st.container(), st.container())
        where_map.pydeck_chart(slide.deck, height=MAP_HEIGHT_PRESENTING if ctx.presenting else 400, alt=slide.map_alt)
        where_legend.plotly_chart(slide.legend, config=chart_config(stem + "-map-legend") | {"displayModeBar": False},
                                  key="sb_map_legend", alt=slide.text)
        where_legend.caption(escape_markdown(slide.text))
        if slide.caveat:  # under the map: presenting, the legend's column is the taller one
            where_map.caption("⚠ " + escape_markdown(slide.caveat))


def practices_step(ctx: PageContext, objective: int, countries: tuple[str, ...]) -> None:
    cards, more = _practice_cards(objective, countries, ctx.lang)
    if not cards:
        st.info(ctx.t("present_no_practices"))
        return
    cols = st.columns(2)
    for i, card in enumerate(cards):
        with cols[i % 2].container(border=True):
            st.text(card.title)  # submitted text: st.text, never Markdown (autolinks, icons, entities)
            st.caption(escape_markdown(card.where))
            if card.summary and not ctx.presenting:
                st.text(card.summary)
    if any(card.translated for card in cards):  # one line for the step: a line per card would not fit one screen
        st.caption(ctx.t("practices_translated_cards"))
    if more:
        st.page_link("pages/practices.py", label=ctx.t("present_more_practices", n=more),
                     icon=":material/lightbulb:", query_params={"objective": str(objective), "lang": ctx.lang})


def prompts_step(ctx: PageContext, objective: int) -> None:
    st.markdown(f"**{ctx.t('present_commitment')}:** {ctx.t(f'obj_commit_{objective}')}")
    questions = prompts(objective, ctx.lang)
    if not questions:
        st.info(ctx.t("present_no_prompts"))
        return
    st.markdown("\n".join(f"{i}. {q.strip()}" for i, q in enumerate(questions, start=1)))


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
for note in page_param("step", STEP, lambda v: parse_step(v, len(steps)) is not None, "present_bad_step",
                       multiple=False, default="1"):
    st.warning(ctx.t("present_bad_step", value=escape_markdown(note.value[:20]), total=len(steps)))
# Another objective's storyboard may be shorter than the step kept from the last one.
step_no = parse_step(str(st.session_state[STEP]), len(steps)) or 1
st.session_state[STEP] = step_no
# Written on every run, so the address bar always holds the step shown with the rest of the view: the
# browser keeps its address on a link to this same page ("open in presenter mode") until the page writes.
write_page_param("step", [str(step_no)])
step = steps[step_no - 1]
step_keys("sb_keys", lambda by: move(by, len(steps)))

top = st.columns([6, 1.3, 1.3], vertical_alignment="center")
top[0].caption(ctx.t("present_objective_line", objective=objective, name=ctx.objective_name(objective))
               + " · " + ctx.t("present_step_of", n=step_no, total=len(steps)))
top[1].button(ctx.t("present_prev"), key="sb_prev", icon=":material/arrow_back:", width="stretch",
              disabled=step_no <= 1, on_click=move, args=(-1, len(steps)))
top[2].button(ctx.t("present_next"), key="sb_next", icon=":material/arrow_forward:", width="stretch",
              disabled=step_no >= len(steps), on_click=move, args=(1, len(steps)), type="primary")

indicator_name = ctx.indicator(step.indicator)["name"] if step.indicator else ""
st.title(ctx.t(f"present_title_{step.kind}", indicator=indicator_name))
# The PNG of a step's chart is named after the step: gcm-storyboard-10-step2-glotip_victims_rate-es-trend.png
stem = image_name("storyboard", objective, f"step{step_no}", step.indicator, ctx.lang)
if step.kind in CHART_KINDS:
    show_slide(ctx, _slide(step.kind, step.indicator, step.countries, ctx.lang, ctx.presenting, ctx.locale), stem)
elif step.kind == "practices":
    practices_step(ctx, objective, step.countries)
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
