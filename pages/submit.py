"""Submit a practice: a form with a message under every field that needs fixing, and a reference number.

The submission is stored at once in the submissions store and waits for a reviewer; nothing is
published without review. Values stay in the form after an error, so nothing typed is lost.
"""
from __future__ import annotations

import streamlit as st

from gcm.models.submit import submit_form
from gcm.page import page_context, section_heading
from gcm.safe import escape_markdown
from gcm.submit_ui import DONE, ERRORS, send, status_lookup

PREFIX = "sub_"  # the form's widget keys: PREFIX + field name

ctx = page_context([])
st.title(ctx.t("nav_submit"))
st.caption(ctx.t("submit_intro"))
form = submit_form(ctx.lang)
specs, labels = form.specs, form.labels


def _reset() -> None:
    """Start a new, empty form after a successful submission."""
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[key]
    st.session_state.pop(DONE, None)


done = st.session_state.get(DONE)
if done:
    st.success(ctx.t("submit_success", ref=done))
    st.code(done, language=None)
    st.caption(ctx.t("submit_success_next"))
    st.button(ctx.t("submit_another"), on_click=_reset, key="submit_another")
    status_lookup(ctx)
    st.stop()
status_lookup(ctx)

errors: dict[str, list[str]] = st.session_state.get(ERRORS, {})
if errors:
    st.error(ctx.t("submit_fix", n=sum(1 for v in errors.values() if v)))  # fields, not messages


def problems(name: str) -> None:
    """The messages for one field, right under it."""
    for message in errors.get(name, []):
        st.error(escape_markdown(message))  # messages quote what was typed


def text_input(name: str) -> None:
    st.text_input(labels[name], key=f"{PREFIX}{name}", max_chars=specs[name].max_chars)
    problems(name)


def choice(name: str, options: dict, placeholder: str, problem: str | None = None, **kwargs) -> None:
    """A single choice, shown by its label; the field's messages under it."""
    st.selectbox(labels[name], list(options), key=f"{PREFIX}{name}", format_func=options.get,
                 placeholder=placeholder, **({"index": None} | kwargs))
    problems(problem or name)


with st.form("submit_form", clear_on_submit=False, enter_to_submit=False):
    section_heading(ctx.t("submit_section_practice"), "submit_practice")
    text_input("title")
    st.text_area(labels["summary"], key=f"{PREFIX}summary", max_chars=specs["summary"].max_chars, height=150)
    problems("summary")
    left, right = st.columns(2)
    with left:
        st.multiselect(labels["countries"], list(form.countries), key=f"{PREFIX}countries",
                       format_func=form.countries.get, max_selections=specs["countries"].max_items,
                       placeholder=ctx.t("submit_choose"))
        problems("countries")
        choice("primary_objective", form.objectives, ctx.t("submit_choose"), problem="objectives")
        st.multiselect(labels["other_objectives"], list(form.objectives), key=f"{PREFIX}other_objectives",
                       format_func=form.objectives.get, placeholder=ctx.t("submit_optional"))
        st.multiselect(labels["guiding_principles"], list(form.principles), key=f"{PREFIX}guiding_principles",
                       format_func=form.principles.get, placeholder=ctx.t("submit_optional"))
        problems("guiding_principles")
    with right:
        choice("level", form.levels, ctx.t("submit_level_auto"))
        choice("practice_status", form.statuses, ctx.t("submit_optional"))
        years = st.columns(2)
        with years[0]:
            st.number_input(labels["year_start"], min_value=1900, max_value=2100, value=None, step=1,
                            key=f"{PREFIX}year_start", placeholder="2021")
            problems("year_start")
        with years[1]:
            st.number_input(labels["year_end"], min_value=1900, max_value=2200, value=None, step=1,
                            key=f"{PREFIX}year_end", placeholder=ctx.t("submit_optional"))
            problems("year_end")
        choice("language", form.languages, ctx.t("submit_choose"), index=list(form.languages).index(form.language))

    section_heading(ctx.t("submit_section_actors"), "submit_actors")
    left, right = st.columns(2)
    with left:
        text_input("actor")
        choice("actor_type", form.actor_types, ctx.t("submit_choose"))
    with right:
        text_input("partners")
        text_input("target_group")

    section_heading(ctx.t("submit_section_results"), "submit_results")
    for name in ("results", "lessons", "replicability"):
        st.text_area(labels[name], key=f"{PREFIX}{name}", max_chars=specs[name].max_chars, height=100)
        problems(name)
    st.text_area(labels["links"], key=f"{PREFIX}links", height=80, help=ctx.t("submit_links_help"),
                 placeholder="https://…")
    problems("links")

    section_heading(ctx.t("submit_section_contact"), "submit_contact")
    st.caption(ctx.t("submit_contact_private"))
    left, right = st.columns(2)
    with left:
        text_input("submitter_name")
    with right:
        text_input("contact_email")
    st.checkbox(labels["consent"], key=f"{PREFIX}consent")
    problems("consent")
    sent = st.form_submit_button(ctx.t("submit_button"), type="primary")

if sent:
    send(ctx, {k[len(PREFIX):]: v for k, v in st.session_state.items() if str(k).startswith(PREFIX)})
