"""Presenter mode (`?present=1`) and the storyboards stepped through in webinars.

Presenter mode hides the sidebar and Streamlit's chrome and enlarges the type so a shared screen
reads at 1280x720; the storyboards (data/storyboards.toml) give each round-table objective an
ordered list of one-idea screens.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

import streamlit as st

from common.paths import DATA_DIR

STORYBOARDS_FILE = DATA_DIR / "storyboards.toml"
STEP_KINDS = ("headline", "trend", "map", "comparison", "practices", "prompts")
NEEDS_INDICATOR = {"headline", "trend", "map", "comparison"}

# Chart type in presenter mode is set by the chart builders (`presenting=True`, gcm/charts.py), so
# Plotly lays labels out at the size they are drawn; the CSS below sizes only Streamlit's own text.


@dataclass(frozen=True)
class Step:
    """One screen of a storyboard: what kind of view, of which indicator, for which countries."""

    kind: str
    indicator: str | None = None
    countries: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def load_storyboards() -> dict[int, tuple[Step, ...]]:
    """objective_id -> its ordered steps, read and checked from data/storyboards.toml."""
    with open(STORYBOARDS_FILE, "rb") as fh:
        raw = tomllib.load(fh)
    boards: dict[int, tuple[Step, ...]] = {}
    for objective, steps in raw.get("objective", {}).items():
        parsed = []
        for i, s in enumerate(steps, start=1):
            kind = s.get("kind")
            if kind not in STEP_KINDS:
                raise ValueError(f"storyboard {objective} step {i}: unknown kind {kind!r}")
            if kind in NEEDS_INDICATOR and not s.get("indicator"):
                raise ValueError(f"storyboard {objective} step {i}: a {kind} step needs an indicator")
            parsed.append(Step(kind, s.get("indicator"), tuple(s.get("countries", ()))))
        if not parsed:
            raise ValueError(f"storyboard {objective} has no steps")
        # A comparison keeps the countries the storyboard is about (those its steps name) in its ranking.
        about = tuple(dict.fromkeys(c for step in parsed for c in step.countries))
        boards[int(objective)] = tuple(replace(step, countries=about) if step.kind == "comparison" and not step.countries
                                       else step for step in parsed)
    return boards


def parse_step(raw: str | None, total: int) -> int | None:
    """The 1-based step number in `raw`, or None when it is not a step of a `total`-step storyboard."""
    value = (raw or "").strip()
    if re.fullmatch(r"[0-9]{1,3}", value) and 1 <= int(value) <= total:  # not "²" nor 5000 digits
        return int(value)
    return None


# Scripts of presenter mode and storyboards: components of Streamlit's own API (st.components.v2), whose
# JavaScript runs in the app's page (no iframe) and can send a value to Python; see docs/pages.md.
STEP_KEYS = st.components.v2.component("gcm_storyboard_keys", js=(Path(__file__).parent / "step_keys.js").read_text())
TOOLTIP_FIT = st.components.v2.component("gcm_presenter_tooltips",
                                         js=(Path(__file__).parent / "presenter_tooltips.js").read_text())
STEP_MOVES = {"next": 1, "previous": -1}


def mount_script(component: Callable, key: str, **callbacks: Callable[[], None]) -> None:
    """Mount a component that draws nothing, its empty box taken out of the layout so it adds no gap."""
    st.html(f"<style>.st-key-{key} {{ display: none !important; }}</style>")  # `key` is a constant of ours
    component(key=key, **callbacks)


def step_keys(key: str, on_move: Callable[[int], None]) -> None:
    """Let a clicker and the keyboard step the storyboard: `on_move(+1 or -1)` runs before the rerun."""
    def moved() -> None:
        move = STEP_MOVES.get((st.session_state.get(key) or {}).get("step"))
        if move:
            on_move(move)

    mount_script(STEP_KEYS, key, on_step_change=moved)


def is_presenting() -> bool:
    """True when the URL asks for presenter mode (`present=1`)."""
    return st.query_params.get("present") == "1"


# Static CSS written here, never built from data. Test ids are Streamlit 1.67's. Plain text (st.text, such
# as a practice's title) and pickers (selectbox, multiselect and their lists) take the body text's size; Plotly's toolbar, which appears over a chart's
# top right where its legend may be, is not shown (the PNG a toolbar saves is a desk task, not a webinar's).
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], footer, #MainMenu {
  display: none !important;
}
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {
  background: #ffffff !important; color: #000000 !important;
}
[data-testid="stMainBlockContainer"] {
  max-width: 1200px !important; width: 100% !important; box-sizing: border-box !important;
  padding: 1.25rem 2.5rem 2rem 2.5rem !important;
}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stAlert"] p, [data-testid="stMetricLabel"] p,
[data-testid="stPageLink"] p, [data-testid="stBaseButton-secondary"] p, [data-testid="stBaseButton-primary"] p,
[data-testid="stWidgetLabel"] p {
  font-size: 22px !important; line-height: 1.45 !important; color: #000000 !important;
}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #1a1a1a !important; opacity: 1 !important; }
h1 { font-size: 36px !important; color: #000000 !important; }
h2 { font-size: 34px !important; color: #000000 !important; }
h3, [class*="st-key-gcm_section_"] h2 { font-size: 28px !important; color: #000000 !important; }
[class*="st-key-gcm_label_"] :is(h2, h3) { font-size: 22px !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: 52px !important; line-height: 1.2 !important; color: #000000 !important; }
[data-testid="stMetricLabel"] { min-height: 3em !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important; }
[data-testid="stText"], [data-testid="stText"] * {
  font-size: 22px !important; line-height: 1.35 !important; color: #000000 !important;
}
[data-testid="stSelectbox"] input, [data-testid="stMultiSelect"] input,
[data-testid="stMultiSelectTagsContainer"] [data-tag] span, [role="option"], [role="option"] * {
  font-size: 22px !important; line-height: 1.3 !important;
}
.stPlotlyChart .modebar-container { display: none !important; }
a, a p { color: #003f9e !important; text-decoration: underline !important; }
button { border: 2px solid #000000 !important; }
button:disabled { border-color: #8a8a8a !important; }
</style>
"""


def apply_presenter_mode(lang: str) -> None:
    """Hide the sidebar and toolbar, enlarge the type for screen-sharing (no user data in the CSS) and keep
    map tooltips inside their maps."""
    st.html(PRESENTER_CSS)
    mount_script(TOOLTIP_FIT, "gcm_tooltip_fit")
