"""Plotly chart builders: DataFrame in, figure out, no Streamlit calls.

Every figure has a title, an axis with its unit and a source line inside the figure (so a PNG
exported for slides still says where the numbers come from). Colours are colour-blind safe and
each country keeps the same colour on every page.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

# Okabe & Ito (2008) followed by Paul Tol's "muted" scheme: distinguishable with the common
# colour-vision deficiencies. Black and grey are kept for reference lines.
PALETTE = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
]
REFERENCE_COLOUR = "#555555"
FONT = dict(family="Source Sans Pro, Source Sans 3, sans-serif", size=15, color="#1f2937")


@lru_cache(maxsize=8)
def _colour_table(codes: tuple[str, ...]) -> dict[str, str]:
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(sorted(codes))}


def country_colours(all_codes: Iterable[str]) -> dict[str, str]:
    """A fixed colour per country, from the full list of codes so it never depends on the selection."""
    return _colour_table(tuple(sorted(set(all_codes))))


def source_note(source: str, years: tuple[int, int] | None, label: str = "Source") -> str:
    """'Source: X · 2015–2023' for the bottom of a chart."""
    span = f" · {years[0]}–{years[1]}" if years else ""
    return f"{label}: {source}{span}"


def style(fig: go.Figure, title: str, y_title: str | None, note: str, height: int = 460) -> go.Figure:
    """Title, unit on the axis, source line at the bottom, readable type, no chart junk."""
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=20)),
        font=FONT,
        height=height,
        margin=dict(l=10, r=10, t=60, b=90),
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend=dict(orientation="h", yanchor="top", y=-0.16, x=0, title=None),
        hoverlabel=dict(font_size=14),
    )
    if y_title is not None:
        fig.update_yaxes(title_text=y_title, gridcolor="#e5e7eb", zerolinecolor="#9ca3af")
    fig.update_xaxes(gridcolor="#f3f4f6")
    fig.add_annotation(text=note, xref="paper", yref="paper", x=0, y=-0.30, showarrow=False,
                       xanchor="left", yanchor="top", font=dict(size=12, color="#4b5563"), align="left")
    return fig


def trend_figure(
    data: pd.DataFrame,
    title: str,
    unit: str,
    note: str,
    names: Mapping[str, str],
    colours: Mapping[str, str],
    median: pd.DataFrame | None = None,
    median_label: str = "Regional median",
) -> go.Figure:
    """Lines per country over years (`country_iso3`, `year`, `value`), with an optional median line."""
    fig = go.Figure()
    for code, grp in data.sort_values("year").groupby("country_iso3", sort=True):
        fig.add_trace(go.Scatter(
            x=grp["year"], y=grp["value"], mode="lines+markers", name=names.get(code, code),
            line=dict(color=colours.get(code, PALETTE[0]), width=3), marker=dict(size=7),
            hovertemplate="%{fullData.name}<br>%{x}: %{y:,.4~g}<extra></extra>",
        ))
    if median is not None and len(median):
        fig.add_trace(go.Scatter(
            x=median["year"], y=median["value"], mode="lines", name=median_label,
            line=dict(color=REFERENCE_COLOUR, width=2, dash="dash"),
            hovertemplate=median_label + "<br>%{x}: %{y:,.4~g}<extra></extra>",
        ))
    fig.update_xaxes(dtick=1 if data["year"].nunique() <= 12 else None, tickformat="d")
    return style(fig, title, unit, note)


def ranking_figure(
    data: pd.DataFrame,
    title: str,
    unit: str,
    note: str,
    colours: Mapping[str, str],
    median: float | None = None,
    median_label: str = "Regional median",
) -> go.Figure:
    """Horizontal bars, best first (`label`, `value`, `country_iso3`, `rank_label`), with the median as a line."""
    df = data.iloc[::-1]  # plotly draws the first bar at the bottom
    fig = go.Figure(go.Bar(
        x=df["value"], y=df["label"], orientation="h",
        marker_color=[colours.get(c, PALETTE[0]) for c in df["country_iso3"]],
        text=df["rank_label"], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x:,.4~g}<extra></extra>",
    ))
    if median is not None and pd.notna(median):
        fig.add_vline(x=median, line=dict(color=REFERENCE_COLOUR, dash="dash", width=2),
                      annotation_text=f"{median_label}: {median:,.3~g}", annotation_position="top")
    height = max(320, 34 * len(df) + 150)
    fig = style(fig, title, None, note, height=height)
    fig.update_xaxes(title_text=unit, gridcolor="#e5e7eb")
    fig.update_layout(showlegend=False, margin=dict(l=10, r=60, t=60, b=90))
    return fig
