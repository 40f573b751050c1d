"""Plotly chart builders: DataFrame in, figure out, no Streamlit calls.

Every figure has a title, an axis with its unit and a source line inside the figure (so a PNG
exported for slides still says where the numbers come from). Colours are colour-blind safe and
each country keeps the same colour on every page.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from gcm.formatting import number, plotly_separators, year_text, year_tick
from gcm.stats import whole_years

# Okabe & Ito (2008) followed by Paul Tol's "muted" scheme: distinguishable with the common
# colour-vision deficiencies. Black and grey are kept for reference lines.
PALETTE = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
]
REFERENCE_COLOUR = "#555555"
NEUTRAL_BAR = "#8C96A3"  # every bar of a ranking but the chosen countries': 3:1 against white (WCAG 1.4.11)
HIGHLIGHT_BAR = "#D55E00"  # the chosen countries' bars: Okabe-Ito vermillion, apart from the neutral grey
# A system font: Plotly measures legend text before a web font loads, and then clips it.
FONT = dict(family="Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif", size=15, color="#1f2937")


SYMBOLS = ["circle", "square", "diamond"]

# Presenter mode (screen-sharing at 1280x720): chart text is at least 16 px, readable on a shared screen.
# Builders take `presenting` and lay the figure out at these sizes, so Plotly measures legends and
# axis labels at the size they are drawn (CSS enlargement after layout clipped long labels).
PRESENTER_FONT_PX = 18
PRESENTER_MIN_PX = 16
PRESENTER_TITLE_PX = 24
INK = "#000000"
NOTE_INK = "#1a1a1a"


@lru_cache(maxsize=8)
def _style_table(codes: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    return {code: (PALETTE[i % len(PALETTE)], SYMBOLS[(i // len(PALETTE)) % len(SYMBOLS)])
            for i, code in enumerate(sorted(codes))}


def country_colours(all_codes: Iterable[str]) -> dict[str, str]:
    """A fixed colour per country, from the full list of codes so it never depends on the selection."""
    return {c: v[0] for c, v in _style_table(tuple(sorted(set(all_codes)))).items()}


def distinct_colours(codes: Sequence[str], preferred: Mapping[str, str]) -> dict[str, str]:
    """A colour per series of one chart, no two alike: each keeps its usual colour (`preferred`) unless
    a series before it (in the order given) already has it; then it takes the first palette colour unused."""
    used: set[str] = set()
    out = {}
    for code in codes:
        colour = preferred.get(code, PALETTE[0])
        if colour in used:
            colour = next((c for c in PALETTE if c not in used), colour)
        used.add(colour)
        out[code] = colour
    return out


def country_symbols(all_codes: Iterable[str]) -> dict[str, str]:
    """A fixed marker per country: with 35 countries and 16 safe colours, the marker tells apart
    two countries that share a colour."""
    return {c: v[1] for c, v in _style_table(tuple(sorted(set(all_codes)))).items()}


def wrap(text: str, width: int = 120) -> str:
    """Break a long line into <br>-separated lines for Plotly annotations."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "<br>".join(lines)


def source_note(source: str, years: tuple[int, int] | None, label: str = "Source") -> str:
    """'Source: X · 2015–2023' for the bottom of a chart."""
    span = f" · {years[0]}–{years[1]}" if years else ""
    return f"{label}: {source}{span}"


def style(fig: go.Figure, title: str, y_title: str | None, note: str, height: int = 460,
          lang: str = "en", presenting: bool = False) -> go.Figure:
    """Title, unit on the axis, source line at the bottom, readable type, no chart junk.

    `presenting` lays the figure out with presenter-mode type (>= 16 px) and black ink; an empty
    `title` leaves the room to the plot (the storyboard's heading names the chart there).
    """
    # One update_layout call: Plotly validates every call, and pages build many figures per rerun.
    return fig.update_layout(**layout_for(title, y_title, note, height, lang, presenting,
                                          annotations=list(fig.layout.annotations)))


def layout_for(title: str, y_title: str | None, note: str, height: int = 460, lang: str = "en",
               presenting: bool = False, annotations: Sequence = ()) -> dict:
    """The layout `style` gives a figure, as a dict: a new figure built with it in its constructor
    costs a fifth of a later `update_layout` (Plotly's update path walks every property path)."""
    note_px = PRESENTER_MIN_PX if presenting else 12
    note = wrap(note, 105 if presenting else 120)
    # The source line starts this far below the plot, under the tick labels (larger when presenting).
    shift = 62 if presenting else 44
    bottom = shift + 26 + round(note_px * 1.35) * note.count("<br>") + (8 if presenting else 0)
    ink = INK if presenting else FONT["color"]
    tick = dict(size=PRESENTER_FONT_PX - 1, color=INK) if presenting else None
    yaxis = dict(automargin=True)
    if y_title is not None:
        yaxis.update(title_text=y_title, gridcolor="#e5e7eb", zerolinecolor="#9ca3af")
    xaxis = dict(gridcolor="#f3f4f6", automargin=True)
    if presenting:
        for axis in (xaxis, yaxis):
            axis.update(tickfont=tick, title_font=dict(size=PRESENTER_FONT_PX, color=INK))
    # The source sits in the figure so an exported PNG still names it; placed in pixels below the plot.
    source = dict(text=note, xref="paper", yref="paper", x=0, y=0, yshift=-shift, showarrow=False,
                  xanchor="left", yanchor="top", align="left",
                  font=dict(size=note_px, color=NOTE_INK if presenting else "#4b5563"))
    return dict(
        separators=plotly_separators(lang),
        title=dict(text=title, x=0, xanchor="left",
                   font=dict(size=PRESENTER_TITLE_PX if presenting else 20, color=ink)),
        font=dict(FONT, size=PRESENTER_FONT_PX, color=INK) if presenting else FONT,
        height=height,
        margin=dict(l=10, r=10, t=60 if title else 16, b=bottom),
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend=dict(orientation="v", yanchor="top", y=1, x=1.01, xanchor="left", title=None,
                    font=dict(size=PRESENTER_FONT_PX, color=INK) if presenting else None),
        hoverlabel=dict(font_size=PRESENTER_FONT_PX if presenting else 14),
        yaxis=yaxis,
        xaxis=xaxis,
        annotations=list(annotations) + [source],
    )


def split_part_years(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(whole years, part years) of one series: a part year has `months_covered` < 12 and no border closure."""
    whole = whole_years(rows)
    return whole, rows.drop(index=whole.index)


def trend_figure(
    data: pd.DataFrame,
    title: str,
    unit: str,
    note: str,
    names: Mapping[str, str],
    colours: Mapping[str, str],
    median: pd.DataFrame | None = None,
    median_label: str = "Regional median",
    lang: str = "en",
    symbols: Mapping[str, str] | None = None,
    presenting: bool = False,
    height: int = 460,
    extra: Sequence[go.Scatter] = (),
    layout_update: Mapping | None = None,
) -> go.Figure:
    """Lines per country over years (`country_iso3`, `year`, `value`), with an optional median line.

    `extra` traces are drawn after those; `layout_update` is merged into the layout (one level of
    nesting, as `update_layout` would), so that the figure is built in one go.
    """
    symbols = symbols or {}
    traces, part_labels = [], {}
    colours = distinct_colours(sorted(data["country_iso3"].unique()), colours)
    for code, grp in data.sort_values("year").groupby("country_iso3", sort=True):
        whole, part = split_part_years(grp)
        # A missing year is a gap in the line, never a straight join as if there were data.
        years = np.arange(int(whole["year"].min()), int(whole["year"].max()) + 1) if len(whole) else np.array([])
        ys = whole.set_index("year")["value"].reindex(years).to_numpy(dtype=float)
        colour = colours.get(code, PALETTE[0])
        traces.append(go.Scatter(
            x=years, y=ys, mode="lines+markers", name=names.get(code, code), legendgroup=code,
            line=dict(color=colour, width=3), marker=dict(size=9, symbol=symbols.get(code, "circle")),
            hovertemplate="%{fullData.name}<br>%{x}: %{y:,.4~g}<extra></extra>",
        ))
        if len(part):
            # A part year (January-April 2025) is its own open point, never on the line; the axis says so.
            labels = [year_text(y, m, lang) for y, m in zip(part["year"], part["months_covered"])]
            part_labels.update((int(y), year_tick(y, m, lang)) for y, m in zip(part["year"], part["months_covered"]))
            traces.append(go.Scatter(
                x=part["year"].to_numpy(), y=part["value"].to_numpy(dtype=float), mode="markers",
                name=names.get(code, code), legendgroup=code, showlegend=False, customdata=labels,
                marker=dict(size=10, symbol=symbols.get(code, "circle") + "-open", color=colour,
                            line=dict(width=2, color=colour)),
                hovertemplate="%{fullData.name}<br>%{customdata}: %{y:,.4~g}<extra></extra>",
            ))
    if median is not None and len(median):
        # A year without a median (fewer than three figures the ranking counts) is a gap, as a country's
        # missing year is, never a straight join; small markers keep a median between two gaps visible.
        years = np.arange(int(median["year"].min()), int(median["year"].max()) + 1)
        traces.append(go.Scatter(
            x=years, y=median.set_index("year")["value"].reindex(years).to_numpy(dtype=float), mode="lines+markers",
            name=median_label, marker=dict(size=5, color=REFERENCE_COLOUR),
            line=dict(color=REFERENCE_COLOUR, width=2, dash="dash"),
            hovertemplate=median_label + "<br>%{x}: %{y:,.4~g}<extra></extra>",
        ))
    layout = layout_for(title, unit, note, height=height, lang=lang, presenting=presenting)
    layout["xaxis"].update(dtick=1 if data["year"].nunique() <= 12 else None, tickformat="d")
    if part_labels:
        # The part year's tick names its months ("2025<br>Jan – Apr"), once, however many lines have it.
        years = sorted(int(y) for y in data["year"].unique())
        step = 1 if len(years) <= 12 else max(1, round(len(years) / 8))
        ticks = sorted(set(range(years[0], years[-1] + 1, step)) | set(part_labels))
        layout["xaxis"].update(tickmode="array", tickvals=ticks, tickangle=0,
                               ticktext=[part_labels.get(y, str(y)) for y in ticks])
        # That tick has a second line: the source line moves down by one line to stay clear of it.
        line = 22 if presenting else 17
        layout["annotations"][-1]["yshift"] -= line
        layout["margin"]["b"] += line
    for key, value in (layout_update or {}).items():
        if isinstance(value, Mapping) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return go.Figure(data=traces + list(extra), layout=layout)


def ranking_figure(
    data: pd.DataFrame,
    title: str,
    unit: str,
    note: str,
    colours: Mapping[str, str],
    median: float | None = None,
    median_label: str = "Regional median",
    lang: str = "en",
    presenting: bool = False,
    height: int | None = None,
    highlight: Sequence[str] = (),
) -> go.Figure:
    """Horizontal bars, best first (`label`, `value`, `country_iso3`, `rank_label`), with the median as a line.

    Every bar is one neutral colour and the countries in `highlight` (the reader's choice) stand out in
    one colour; each bar's value is written in a column right of the plot, clear of the median line.
    `height` defaults to what the bars need; a storyboard passes the room one screen leaves.
    """
    df = data.iloc[::-1]  # plotly draws the first bar at the bottom
    chosen = set(highlight)
    fig = go.Figure(go.Bar(
        x=df["value"], y=df["label"], orientation="h",
        marker_color=[HIGHLIGHT_BAR if c in chosen else NEUTRAL_BAR for c in df["country_iso3"]],
        text=[number(v, lang) for v in df["value"]], textposition="none", showlegend=False,
        hovertemplate="%{y}: %{x:,.4~g}<extra></extra>",
    ))
    value_font = dict(size=PRESENTER_FONT_PX - 1, color=INK) if presenting else dict(size=13, color=FONT["color"])
    for label, value in zip(df["label"], df["value"]):
        fig.add_annotation(x=1, xref="paper", xanchor="left", xshift=8, y=label, yref="y", showarrow=False,
                           text=number(value, lang), font=value_font)
    if median is not None and pd.notna(median):
        fig.add_vline(x=median, line=dict(color=REFERENCE_COLOUR, dash="dash", width=2))
        fig.add_trace(go.Scatter(x=[median], y=[None], mode="lines", name=f"{median_label}: {number(median, lang)}",
                                 line=dict(color=REFERENCE_COLOUR, dash="dash", width=2), hoverinfo="skip"))
    if height is None:
        height = max(320, (34 if presenting else 30) * len(df) + (190 if presenting else 150))
    fig = style(fig, title, None, note, height=height, lang=lang, presenting=presenting)
    fig.update_xaxes(title_text=unit, gridcolor="#e5e7eb")
    # The median's legend entry sits above the bars, under the title when there is one.
    fig.update_layout(showlegend=median is not None, margin=dict(t=96 if title else 44, r=80 if presenting else 64),
                      legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", xanchor="left"))
    return fig


def status_figure(labels: Sequence[str], members: Sequence[Sequence[str]], title: str, unit: str, note: str,
                  lang: str = "en", presenting: bool = False, height: int | None = None) -> go.Figure:
    """A status (party or not) as one bar per answer: how many countries give it, and which on hover
    (the table under it lists each country); a status is counted, never ranked and never given a median."""
    counts = [len(m) for m in members]
    names = [wrap(", ".join(m), 60) if m else "–" for m in members]
    fig = go.Figure(go.Bar(
        x=counts, y=list(labels), orientation="h", marker_color=[HIGHLIGHT_BAR, NEUTRAL_BAR][: len(counts)],
        text=[number(c, lang) for c in counts], textposition="outside", cliponaxis=False, showlegend=False,
        customdata=names, hovertemplate="%{y}: %{x}<br>%{customdata}<extra></extra>",
        textfont=dict(size=PRESENTER_FONT_PX - 1, color=INK) if presenting else None,
    ))
    fig = style(fig, title, None, note, height=height or 260, lang=lang, presenting=presenting)
    fig.update_xaxes(title_text=unit, gridcolor="#e5e7eb", dtick=5)
    fig.update_yaxes(autorange="reversed")
    return fig


def figure_table(fig: go.Figure, first_header: str, value_header: str, lang: str = "en") -> pd.DataFrame:
    """What a line or bar figure plots, as a table: its text alternative beside the description.

    Lines: a row per year (a part year named as its tick names it), a column per line by its legend
    name (a line's part-year marks join its column). Horizontal bars: a row per bar, top to bottom, in a
    `value_header` column. Numbers as the figure's labels write them; a year a line has no value for is
    left empty, as the gap in the line is."""
    columns: dict[str, dict] = {}
    row_names: dict = {}
    bars = [tr for tr in fig.data if tr.type == "bar" and tr.orientation == "h"]
    for trace in bars or [tr for tr in fig.data if tr.type == "scatter"]:
        keys, values = (trace.y, trace.x) if bars else (trace.x, trace.y)
        if keys is None or values is None:
            continue
        # A part year's point carries its tick text ("2025 (4 months)") as customdata.
        labels = trace.customdata if not bars and trace.customdata is not None else [None] * len(keys)
        column = columns.setdefault(trace.name or value_header, {})
        for key, value, label in zip(keys, values, labels):
            if key is None or value is None or pd.isna(value):
                continue
            key = key if bars else int(key)
            column[key] = value
            row_names.setdefault(key, label if isinstance(label, str) else str(key))
    rows = list(row_names)[::-1] if bars else sorted(row_names)  # plotly draws the first bar at the bottom
    return pd.DataFrame({first_header: [row_names[r] for r in rows],
                         **{name: [number(col[r], lang) if r in col else "" for r in rows]
                            for name, col in columns.items()}})
