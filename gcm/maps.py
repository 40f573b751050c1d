"""pydeck map builders: DataFrames in, `pdk.Deck` out, no Streamlit calls and nothing fetched.

Every deck is built with `map_provider=None` and pydeck's map-style sentinel, so the browser asks no
tile server for anything (the dashboard runs offline): land, country fills and incident points are our own layers.
Tooltips use deck.gl's `text` form, which the browser sets as plain text, so place names and
causes from the sources can never be read as HTML. Fills run from pale yellow to dark blue (ColorBrewer
YlGnBu, colour-blind safe and light at the low end, so a zero is quieter than a high value), with a
light neutral grey for "no data", a separate colour for suppressed (censored) values, and a darker
warm grey for a rate resting on too few cases (gcm.stats.few_cases: the `events` and `min_events` of
gcm.queries.rating.load_ranking_values): shown, never placed in a class
beside the real rates, where its 0 on 3 cases would read as the best value.
"""
from __future__ import annotations

import functools
import json
import math
import threading
from typing import Callable, Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from gcm.charts import FONT, PRESENTER_FONT_PX, PRESENTER_MIN_PX
from gcm.formatting import number, value_text, year_text
from gcm.stats import few_cases, latest_usable, whole_years

# ColorBrewer YlGnBu in five steps, light (low) to dark (high), so higher values read as "more" and the
# lowest class (zero, where there are zeros) is the palest fill on the map.
FILL_STEPS = ["#FFFFCC", "#A1DAB4", "#41B6C4", "#2C7FB8", "#253494"]
NO_DATA_COLOUR = "#D9DBDE"  # a light neutral grey: a gap is quieter than any value, yet not the context land
SUPPRESSED_COLOUR = "#E7B8D3"  # Okabe-Ito reddish purple, lightened: outside the viridis ramp
# A rate on too few cases: a neutral warm grey, darker than "no data" (it has a value) and outside the ramp.
FEW_COLOUR = "#A39C91"
LAND_COLOUR = "#F1F2F4"
LAND_OUTLINE = "#A3A9B1"
COUNTRY_OUTLINE = "#FFFFFF"
SEA_COLOUR = "#E4EEF5"
INCIDENT_COLOUR = "#D55E00"  # Okabe-Ito vermillion: stands out on every viridis step
INCIDENT_OUTLINE = "#5A1F00"
# Circles small and translucent enough that Central America's countries and overlapping circles stay
# visible under the incidents of a busy year (measured on screenshots of the whole region at 820x560).
MIN_RADIUS_PX, INCIDENT_MAX_RADIUS_PX, CELL_MAX_RADIUS_PX = 2.0, 14.0, 14.0
INCIDENT_PX_PER_ROOT = 1.8
INCIDENT_ALPHA = 95  # of 255
VERTICAL_LABEL_CHARS = {True: 30, False: 36}  # a stacked legend's label per line, presenting or not

# The 33 LAC countries are the focus; the USA and Canada only frame them when fitting the view.
CONTEXT_COUNTRIES = frozenset({"USA", "CAN"})
# Keep the Aleutians (east of 180°) and Atlantic islets out of the bounding boxes.
FIT_LONGITUDE_RANGE = (-170.0, -30.0)
MAP_SIZE_PX = (820, 560)  # the map's usual size on a 1280-pixel screen with the sidebar open
NARROW_MAP_PX = 560  # the map's width on a 1024-pixel screen with the sidebar open

# Keys of data/i18n/map.csv (without the `map_` prefix) that the builders need, as templates.
LABEL_KEYS = ("tip_no_data", "tip_no_data_year", "tip_location", "tip_cause", "tip_route", "tip_dead_missing",
              "tip_cell", "tip_countries", "tip_dates", "legend_suppressed", "legend_no_data", "few_cases")
CELL_COUNTRIES_NAMED = 3  # a cell's tooltip names this many countries, then says how many more
TOOLTIP_STYLE = {"backgroundColor": "#111827", "color": "#F9FAFB", "fontSize": "13px",
                 "maxWidth": "280px", "lineHeight": "1.35", "padding": "8px 10px"}
# Presenter mode: tooltips readable on a shared screen (>= 16 px).
PRESENTER_TOOLTIP_STYLE = TOOLTIP_STYLE | {"fontSize": f"{PRESENTER_FONT_PX}px", "maxWidth": "380px",
                                           "padding": "10px 14px"}


def map_labels(t: Callable[[str], str]) -> dict[str, str]:
    """The tooltip and legend labels (templates), read through a translator such as `ctx.t`."""
    return {key: t(f"map_{key}") for key in LABEL_KEYS}


def _rgba(hex_colour: str, alpha: int = 255) -> list[int]:
    h = hex_colour.lstrip("#")
    return [int(h[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


# --- classes and legend ---------------------------------------------------------------------

def _round_sig(x: float, digits: int = 2) -> float:
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, -int(math.floor(math.log10(abs(x)))) + digits - 1)


NICE_MANTISSAS = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0)


def nice_bound(x: float) -> float:
    """The round number (one significant figure, or 1.5 or 2.5, times a power of ten) nearest to `x` on a log scale."""
    if x <= 0 or not math.isfinite(x):
        return x
    power = 10.0 ** math.floor(math.log10(x))
    best = min(NICE_MANTISSAS, key=lambda m: abs(math.log(x / (m * power))))
    return float(_round_sig(best * power, 3))


def class_count(n_countries: int, distinct: int, steps: int = len(FILL_STEPS)) -> int:
    """How many classes a map of `n_countries` with `distinct` values gets: never more classes than
    values, two for a handful of countries and up to `steps` for the whole region."""
    return max(1, min(steps, distinct, 2 + n_countries // 8))


def class_breaks(values: Iterable[float], steps: int = len(FILL_STEPS)) -> list[float]:
    """Class edges with round bounds from the quantiles of the known values.

    Returns ascending edges e0 < e1 < … < ek (k <= steps); class i holds e_i <= x < e_(i+1), the
    last class also holds ek. Zeros, where some values are above zero, are a class of their own
    (the palest); the inner edges are quantiles rounded to one significant figure (or 1.5, 2.5 times a power of ten)
    (whole numbers for counts), so one large country (the USA, Mexico) does not wash every other
    into the lowest colour. There are never more classes than distinct values, nor more than the
    number of countries suits (`class_count`), and no class is empty.
    """
    known = pd.Series(list(values), dtype="float64").dropna()
    if known.empty:
        return []
    lo, hi = float(known.min()), float(known.max())
    if lo == hi:
        return [lo]
    whole = bool((known == known.round()).all())  # counts: whole-number edges, labelled as whole ranges
    k = class_count(len(known), int(known.nunique()), steps)
    rest = known
    edges = [lo]
    if lo == 0 and k > 1:
        rest = known[known > 0]
        edges.append(1.0 if whole else nice_floor(float(rest.min())))  # the zero class: [0, e1) holds only zeros
        k -= 1
    for i in range(1, k):
        edge = nice_bound(float(rest.quantile(i / k)))
        edge = float(max(1.0, round(edge))) if whole else edge
        if not (edges[-1] < edge < hi and ((known >= edges[-1]) & (known < edge)).any()):
            edge = _split_above(edges[-1], known, hi, whole)  # rounding merged two classes: split at the next value
        if edge is not None and edges[-1] < edge < hi:
            edges.append(edge)
    if len(edges) > 1 and not (known >= edges[-1]).any():
        edges.pop()  # the last class would be empty
    return edges + [hi]


def _split_above(prev: float, known: pd.Series, hi: float, whole: bool) -> float | None:
    """A round edge above `prev` and below `hi` with no value between `prev` (excluded) and it, if there is one."""
    above = known[known > prev]
    if above.empty:
        return None
    nxt = float(above.min())
    for edge in (nice_floor(nxt), nxt, prev + 1 if whole else (prev + nxt) / 2):
        if prev < edge < hi and edge <= nxt:
            return float(edge)
    return None


def nice_floor(x: float) -> float:
    """The largest round number (as `nice_bound` makes them) not above `x` (> 0)."""
    power = 10.0 ** math.floor(math.log10(x))
    return float(_round_sig(max(m * power for m in NICE_MANTISSAS if m * power <= x * (1 + 1e-12)), 3))


def class_index(value: float, edges: Sequence[float]) -> int | None:
    """The class a value falls in, or None when it is missing."""
    if value is None or pd.isna(value) or not edges:
        return None
    for i in range(len(edges) - 2, -1, -1):
        if value >= edges[i]:
            return i
    return 0


def _class_colours(edges: Sequence[float]) -> list[str]:
    n = max(1, len(edges) - 1)
    if n == 1:
        return [FILL_STEPS[2]]
    # Spread the classes over the whole ramp so two classes never get neighbouring greens.
    return [FILL_STEPS[round(i * (len(FILL_STEPS) - 1) / (n - 1))] for i in range(n)]


def few_label(values: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """'Too few cases to compare (under 20)', with the minimum of `values`."""
    return labels["few_cases"].format(min=int(pd.to_numeric(values["min_events"], errors="coerce").max()))


def _classed(values: pd.DataFrame) -> pd.Series:
    """The values the classes are made of: not those resting on too few cases."""
    return values.loc[~few_cases(values), "value"]


def _fill_colour(row: Mapping, edges: Sequence[float], colours: Sequence[str], few: bool = False) -> str:
    if row.get("value_flag") == "suppressed":
        return SUPPRESSED_COLOUR
    if few:
        return FEW_COLOUR
    idx = class_index(row.get("value"), edges)
    return NO_DATA_COLOUR if idx is None else colours[idx]


def legend_items(values: pd.DataFrame, labels: Mapping[str, str], focus: Sequence[str] = (),
                 lang: str = "en") -> list[dict]:
    """The legend of a choropleth: one item per class (`label`, `colour`), then suppressed, too few cases
    and no data.

    `values` is what the map is filled with (one row per country); `focus` the countries filled
    (every country in `values` if empty), so countries with no row are shown as "no data".
    `labels` comes from `map_labels()`.
    """
    edges = class_breaks(_classed(values))
    colours = _class_colours(edges)
    items = []
    if len(edges) == 1:
        items.append({"label": number(edges[0], lang), "colour": colours[0]})
    known = _classed(values).dropna()
    whole = bool(len(known)) and bool((known == known.round()).all())
    for i in range(len(edges) - 1):
        lo, hi = edges[i], edges[i + 1]
        if whole and i < len(edges) - 2:
            hi -= 1  # whole numbers: the class e_i <= x < e_(i+1) is e_i to e_(i+1) - 1
        if lo == 0 and not ((known > 0) & (known < edges[i + 1])).any():
            hi = 0  # the zero class holds only zeros
        label = number(lo, lang) if lo == hi else f"{number(lo, lang)} – {number(hi, lang)}"
        items.append({"label": label, "colour": colours[i]})
    suppressed = values[values["value_flag"] == "suppressed"]
    if len(suppressed):
        bound = suppressed["upper_bound"].dropna()
        shown = number(bound.max(), lang) if len(bound) else "?"
        items.append({"label": labels["legend_suppressed"].format(bound=shown), "colour": SUPPRESSED_COLOUR})
    if few_cases(values).any():
        items.append({"label": few_label(values, labels), "colour": FEW_COLOUR})
    has_value = set(values.loc[values["value"].notna() | (values["value_flag"] == "suppressed"), "country_iso3"])
    expected = set(focus) or set(values["country_iso3"])
    if expected - has_value:
        items.append({"label": labels["legend_no_data"], "colour": NO_DATA_COLOUR})
    return items


def _wrap(text: str, width: int = 18) -> str:
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def legend_figure(items: Sequence[Mapping], title: str, note: str, extra: Sequence[Mapping] = (),
                  presenting: bool = False, vertical: bool = False, caveat: str = "") -> go.Figure:
    """A legend as a figure: a swatch per item with its label, the title above, the caveat and the
    source below (the caveat in the legend itself, so a screenshot of the map keeps it).

    One row of swatches with labels under them by default; `vertical` stacks them, each label beside
    its swatch, for a narrow column beside a map. `presenting` lays it out with >= 16 px type.
    """
    entries = list(items) + list(extra)
    text_px = PRESENTER_FONT_PX if presenting else 13
    note_px = PRESENTER_MIN_PX if presenting else 12
    line_px = round(note_px * 1.4)
    width = (40 if vertical else 100) if presenting else (60 if vertical else 125)
    note = "<br>".join(_wrap(part, width) for part in (caveat, note) if part)
    note_lines = note.count("<br>") + 1
    # Stacked, a label has the column's width beside its swatch: a long one ("Too few cases to compare
    # (under 20)") takes a second line rather than running past the column's edge.
    labels = [_wrap(e["label"], VERTICAL_LABEL_CHARS[presenting]) if vertical else _wrap(e["label"]) for e in entries]
    bar = dict(marker=dict(color=[e["colour"] for e in entries], line=dict(color="#6b7280", width=1)),
               width=0.82 if vertical else 0.92, hoverinfo="skip")
    if vertical:
        # Swatches down the left, each label written beside its swatch: the plot spans the whole
        # width, so the source line below lines up with the labels' column.
        # A label of n lines takes 1 + 0.6 (n - 1) rows, top to bottom.
        units = [1 + 0.6 * label.count("<br>") for label in labels]
        total = sum(units)
        centres = [total - 0.5 - sum(units[:i]) - u / 2 for i, u in enumerate(units)]  # one-line rows: n-1 … 0
        fig = go.Figure(go.Bar(y=centres, x=[0.16] * len(entries), orientation="h",
                               text=labels, textposition="outside", cliponaxis=False, constraintext="none",
                               textfont=dict(size=text_px), **bar))
        row = round(text_px * 1.7)  # a storyboard map step must fit 1280x720 with five entries
        bottom = 16 + line_px * note_lines
        height = 46 + round(row * total) + bottom
    else:
        fig = go.Figure(go.Bar(x=labels, y=[1] * len(entries), **bar))
        # The labels under the swatches take as many lines as the longest; the note starts below them.
        label_block = round(text_px * 1.35) * max(label.count("<br>") + 1 for label in labels) + 16
        bottom = label_block + line_px * note_lines + (22 if presenting else 10)
        height = 92 + bottom
    ink = "#000000" if presenting else "#4b5563"
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=20 if presenting else 16)),
        font=dict(FONT, size=text_px, color="#000000" if presenting else FONT["color"]), height=height,
        bargap=0.12, showlegend=False, margin=dict(l=10, r=10, t=36 if not presenting else 44, b=bottom),
        plot_bgcolor="white", paper_bgcolor="white",
    )
    if vertical:
        fig.update_xaxes(visible=False, range=[0, 1], fixedrange=True)
        fig.update_yaxes(visible=False, range=[-0.5, total - 0.5], fixedrange=True)
    else:
        fig.update_yaxes(visible=False, range=[0, 1], fixedrange=True)
        fig.update_xaxes(type="category", showgrid=False, ticks="", tickangle=0, fixedrange=True,
                         tickfont=dict(size=text_px, color="#000000" if presenting else None))
    fig.add_annotation(text=note, xref="paper", yref="paper", x=0, y=0,
                       yshift=-8 if vertical else -label_block, showarrow=False,
                       xanchor="left", yanchor="top", font=dict(size=note_px, color=ink), align="left")
    return fig


# --- view -----------------------------------------------------------------------------------

def _coords(geometry: object) -> Iterable[tuple[float, float]]:
    geom = _parsed(geometry) if isinstance(geometry, str) else geometry
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    for poly in polys:
        for ring in poly:
            for lon, lat in ring:
                yield float(lon), float(lat)


def fit_view(points: Iterable[tuple[float, float]], size_px: tuple[int, int] = MAP_SIZE_PX) -> pdk.ViewState:
    """A view that shows every (lon, lat) point, for a map of `size_px` pixels (web Mercator)."""
    lo_lon, hi_lon = FIT_LONGITUDE_RANGE
    pts = [(x, y) for x, y in points if lo_lon <= x <= hi_lon and -80 <= y <= 80]
    if not pts:
        pts = [(-118.0, -56.0), (-34.0, 33.0)]  # Latin America and the Caribbean
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    west, east = min(xs), max(xs)
    y0, y1 = merc(min(ys)), merc(max(ys))
    width, height = size_px
    dlon = max(east - west, 0.5)
    dy = max(y1 - y0, 0.01)
    zoom = min(math.log2(width * 360 / (512 * dlon)), math.log2(height * 2 * math.pi / (512 * dy))) - 0.3
    centre_lat = math.degrees(2 * math.atan(math.exp((y0 + y1) / 2)) - math.pi / 2)
    return pdk.ViewState(latitude=round(centre_lat, 4), longitude=round((west + east) / 2, 4),
                         zoom=round(max(1.0, min(zoom, 8.0)), 2), pitch=0, bearing=0, min_zoom=1, max_zoom=10)


# --- layers ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=512)
def _parsed(geometry: str) -> dict:
    # The same few dozen polygons on every rerun: parse each once. Callers never change the result.
    return json.loads(geometry)


def _feature(row: Mapping, properties: dict) -> dict:
    geometry = _parsed(row["geometry"]) if isinstance(row["geometry"], str) else row["geometry"]
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def sea_layer() -> pdk.Layer:
    """A pale sea behind the land, so coastlines read without a basemap."""
    # Wider than the world: a zoomed-out view of the Americas reaches past the antimeridian.
    return pdk.Layer("PolygonLayer", id="sea",
                     data=[{"polygon": [[-540, -85], [540, -85], [540, 85], [-540, 85]]}],
                     get_polygon="polygon", get_fill_color=_rgba(SEA_COLOUR), stroked=False, pickable=False)


def view_corner(view: pdk.ViewState, size_px: tuple[int, int], inset_px: float = 16.0) -> tuple[float, float]:
    """The (lon, lat) `inset_px` pixels in from the bottom-left corner of `view` on a map of `size_px` (web Mercator)."""
    world_px = 512 * 2 ** view.zoom
    lon = view.longitude - (size_px[0] / 2 - inset_px) * 360 / world_px
    centre_y = math.log(math.tan(math.pi / 4 + math.radians(view.latitude) / 2))
    y = centre_y - (size_px[1] / 2 - inset_px) * 2 * math.pi / world_px
    return round(lon, 4), round(math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2), 4)


def frame_label_layer(text: str, view: pdk.ViewState, size_px: tuple[int, int], presenting: bool = False) -> pdk.Layer:
    """The years each layer shows, written on the map in its bottom-left corner (the Pacific, in the
    region's view), so a screenshot of the map alone still says which years it shows."""
    # The page's map is narrower than `size_px` on a small screen (its height is fixed): place the label
    # where a map of NARROW_MAP_PX still shows it.
    lon, lat = view_corner(view, (min(size_px[0], NARROW_MAP_PX), size_px[1]))
    return pdk.Layer("TextLayer", id="frame", data=[{"lon": lon, "lat": lat, "text": text}],
                     get_position=["lon", "lat"], get_text="text", get_size=PRESENTER_FONT_PX if presenting else 14,
                     get_color=[17, 24, 39, 255], get_text_anchor="'start'", get_alignment_baseline="'bottom'",
                     font_family="'sans-serif'", font_weight=600, character_set="'auto'", background=True, get_background_color=[255, 255, 255, 235],
                     background_padding=[6, 4], pickable=False)


def land_layer(shapes: pd.DataFrame, exclude: Iterable[str] = ()) -> pdk.Layer:
    """Land outside the filled countries (territories, unselected countries) as light context."""
    skip = set(exclude)
    features = [_feature(r, {"code": r["shape_code"]}) for r in shapes.to_dict("records")
                if r["country_iso3"] not in skip]
    return pdk.Layer("GeoJsonLayer", id="land", data={"type": "FeatureCollection", "features": features},
                     filled=True, stroked=True, get_fill_color=_rgba(LAND_COLOUR), get_line_color=_rgba(LAND_OUTLINE),
                     line_width_min_pixels=0.6, get_line_width=1, pickable=False)


def _country_tip(name: str, row: Mapping | None, indicator: str, unit: str, year: int | None,
                 labels: Mapping[str, str], lang: str, few: str = "") -> str:
    if row is None or (pd.isna(row.get("value")) and row.get("value_flag") != "suppressed"):
        gap = labels["tip_no_data"] if year is None else labels["tip_no_data_year"].format(year=year)
        return f"{name}\n{gap}"
    shown = value_text(row.get("value"), row.get("value_flag"), row.get("upper_bound"), lang)
    when = year_text(row.get("year"), row.get("months_covered"), lang)
    return f"{name}\n{indicator}: {shown} {unit}".rstrip() + f"\n{when}" + (f"\n{few}" if few else "")


def country_fill_layer(values: pd.DataFrame, shapes: pd.DataFrame, focus: Sequence[str], names: Mapping[str, str],
                       labels: Mapping[str, str], indicator: str, unit: str, year: int | None,
                       lang: str = "en") -> pdk.Layer:
    """The focus countries filled by class of value (grey for no data, a darker grey for a rate on too few
    cases, whose tooltip says so), with a tooltip each."""
    edges = class_breaks(_classed(values))
    colours = _class_colours(edges)
    by_country = {r["country_iso3"]: r for r in values.to_dict("records")}
    few = set(values.loc[few_cases(values), "country_iso3"])
    reason = few_label(values, labels) if few else ""
    features = []
    for shape in shapes[shapes["country_iso3"].isin(list(focus))].to_dict("records"):
        code = shape["country_iso3"]
        row = by_country.get(code)
        colour = _fill_colour(row, edges, colours, code in few) if row is not None else NO_DATA_COLOUR
        tip = _country_tip(names.get(code, shape["name"]), row, indicator, unit, year, labels, lang,
                           reason if code in few else "")
        features.append(_feature(shape, {"code": code, "fill": _rgba(colour, 235), "tip": tip}))
    return pdk.Layer("GeoJsonLayer", id="countries", data={"type": "FeatureCollection", "features": features},
                     filled=True, stroked=True, get_fill_color="properties.fill", get_line_color=_rgba(COUNTRY_OUTLINE),
                     line_width_min_pixels=0.8, get_line_width=1, pickable=True, auto_highlight=True,
                     highlight_color=[255, 255, 255, 90])


def incident_radius_px(dead_and_missing: float) -> float:
    """Circle radius in pixels: area proportional to the count (1.8 px per square root), at least
    `MIN_RADIUS_PX` so one death stays visible, at most `INCIDENT_MAX_RADIUS_PX` so one shipwreck
    does not cover a country."""
    r = INCIDENT_PX_PER_ROOT * math.sqrt(max(float(dead_and_missing), 0.0))
    return round(min(INCIDENT_MAX_RADIUS_PX, max(MIN_RADIUS_PX, r)), 2)


def _text(col: pd.Series) -> pd.Series:
    return col.astype("string").fillna("").astype(str)


def incidents_layer(incidents: pd.DataFrame, names: Mapping[str, str], labels: Mapping[str, str],
                    lang: str = "en") -> pdk.Layer:
    """Incidents with coordinates as circles sized by dead and missing; the largest drawn last (on top)."""
    df = incidents.dropna(subset=["latitude", "longitude"]).sort_values("dead_and_missing", kind="stable")
    # Built column-wise: a year of incidents is thousands of rows.
    date = _text(pd.to_datetime(df["incident_date"]).dt.strftime("%Y-%m-%d"))
    country = df["country_iso3"].map(lambda c: names.get(c, c)).astype(str)
    count = pd.Series([number(v, lang) for v in df["dead_and_missing"].tolist()], index=df.index, dtype=str)
    tip = (date + " · " + country
           + "\n" + labels["tip_dead_missing"] + ": " + count
           + "\n" + labels["tip_location"] + ": " + _text(df["location"])
           + "\n" + labels["tip_cause"] + ": " + _text(df["cause"])
           + "\n" + labels["tip_route"] + ": " + _text(df["route"]))
    records = pd.DataFrame({
        "lon": df["longitude"].astype(float).round(5),
        "lat": df["latitude"].astype(float).round(5),
        "r": [incident_radius_px(v) for v in df["dead_and_missing"].tolist()],
        "n": 1,  # how many incidents a circle stands for, as in grouped circles
        "tip": tip,
    }).reset_index(drop=True)
    return _circles(records)


def _circles(records: pd.DataFrame) -> pdk.Layer:
    # pydeck reads every string as a JavaScript expression: a literal such as 'pixels' needs quotes.
    return pdk.Layer("ScatterplotLayer", id="incidents", data=records, get_position=["lon", "lat"],
                     get_radius="r", radius_units="'pixels'", filled=True, stroked=True,
                     get_fill_color=_rgba(INCIDENT_COLOUR, INCIDENT_ALPHA),
                     get_line_color=_rgba(INCIDENT_OUTLINE, 140), line_width_min_pixels=0.5, pickable=True, auto_highlight=True)


def cell_radius_px(dead_and_missing: float, largest: float) -> float:
    """A group's circle radius in pixels: area proportional to its dead and missing, the largest group
    `CELL_MAX_RADIUS_PX`, none smaller than `MIN_RADIUS_PX`."""
    share = max(float(dead_and_missing), 0.0) / largest if largest > 0 else 0.0
    return round(max(MIN_RADIUS_PX, CELL_MAX_RADIUS_PX * math.sqrt(share)), 2)


def _countries_text(codes: str, names: Mapping[str, str], lang: str) -> str:
    listed = [c for c in str(codes).split(",") if c]
    shown = ", ".join(names.get(c, c) for c in listed[:CELL_COUNTRIES_NAMED])
    return shown + (f" +{number(len(listed) - CELL_COUNTRIES_NAMED, lang)}" if len(listed) > CELL_COUNTRIES_NAMED else "")


def incident_cells_layer(cells: pd.DataFrame, names: Mapping[str, str], labels: Mapping[str, str],
                         lang: str = "en") -> pdk.Layer:
    """Incidents grouped by area (`load_incident_points` with a grid) as circles sized by their dead and missing.

    Each tooltip says how many incidents its circle stands for, their dead and missing, the
    countries of incident (most incidents first) and the first and last date.
    """
    df = cells.sort_values("dead_and_missing", kind="stable")  # the largest drawn last (on top)
    largest = float(df["dead_and_missing"].max()) if len(df) else 0.0
    first = _text(pd.to_datetime(df["first_date"]).dt.strftime("%Y-%m-%d"))
    last = _text(pd.to_datetime(df["last_date"]).dt.strftime("%Y-%m-%d"))
    dates = first.where(first == last, first + " – " + last)
    tip = pd.Series([
        labels["tip_cell"].format(n=number(n, lang))
        + f"\n{labels['tip_dead_missing']}: {number(d, lang)}"
        + f"\n{labels['tip_countries']}: {_countries_text(c, names, lang)}"
        for n, d, c in zip(df["incidents"].tolist(), df["dead_and_missing"].tolist(), df["countries"].tolist())
    ], index=df.index, dtype=str) + "\n" + labels["tip_dates"] + ": " + dates
    records = pd.DataFrame({
        "lon": df["longitude"].astype(float).round(4),
        "lat": df["latitude"].astype(float).round(4),
        "r": [cell_radius_px(v, largest) for v in df["dead_and_missing"].tolist()],
        "n": df["incidents"].astype(int),
        "tip": tip,
    }).reset_index(drop=True)
    return _circles(records)


# --- decks ----------------------------------------------------------------------------------

class CompactDeck(pdk.Deck):
    """A Deck serialised fast and without indentation.

    pydeck walks every coordinate of every polygon in Python to rename keys (a profile showed half
    a second per page rerun) and pretty-prints the result, doubling what each rerun sends. The
    layers' data is plain JSON already, so it is serialised once with the C encoder and spliced in.

    A deck is not changed once built (a view model holds it, shared by every session), so its JSON
    is made once, under a lock: making it swaps the layers' data for a moment.
    """

    _lock = threading.Lock()

    def to_json(self) -> str:
        with self._lock:
            if getattr(self, "_json", None) is None:
                self._json = self._make_json()
            return self._json

    def _make_json(self) -> str:
        originals = [layer.data for layer in self.layers]
        placeholders = [f"__GCM_LAYER_DATA_{i}__" for i in range(len(self.layers))]
        try:
            for layer, marker in zip(self.layers, placeholders):
                layer._data = marker
            shell = json.dumps(json.loads(super().to_json()), separators=(",", ":"), ensure_ascii=False)
        finally:
            for layer, data in zip(self.layers, originals):
                layer._data = data
        for marker, data in zip(placeholders, originals):
            shell = shell.replace(json.dumps(marker), json.dumps(data, separators=(",", ":"), ensure_ascii=False,
                                                                  default=_json_default), 1)
        return shell


def _json_default(value: object) -> object:
    """numpy and pandas scalars as plain JSON values."""
    if hasattr(value, "item"):
        return value.item()
    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def choropleth_deck(
    values: pd.DataFrame,
    shapes: pd.DataFrame,
    *,
    names: Mapping[str, str],
    labels: Mapping[str, str],
    indicator: str = "",
    unit: str = "",
    year: int | None = None,
    focus: Sequence[str] = (),
    incidents: pd.DataFrame | None = None,
    show_fill: bool = True,
    show_incidents: bool = True,
    lang: str = "en",
    presenting: bool = False,
    size_px: tuple[int, int] = MAP_SIZE_PX,
    frame_label: str = "",
) -> pdk.Deck:
    """Countries in `focus` filled by `values` (one row per country), other land as context, and optional incident points.

    `values` has country_iso3, year, value, value_flag, upper_bound, months_covered; `shapes` comes
    from `load_shapes()`; `labels` from `map_labels()`. The view fits the focus countries and their
    incidents; the USA and Canada count only when no Latin American or Caribbean country is chosen.
    `size_px` is the map's size on screen, for that fit; `presenting` enlarges the tooltips.
    `incidents` is either single incidents or cells of `load_incident_points` (told apart by the
    cells' `countries` column). `frame_label` (the years each layer shows) is written on the map itself.
    """
    focus = list(focus) or sorted(set(values["country_iso3"]))
    layers = [sea_layer(), land_layer(shapes, exclude=focus if show_fill else ())]
    if show_fill:
        layers.append(country_fill_layer(values, shapes, focus, names, labels, indicator, unit, year, lang))
    framing = [c for c in focus if c not in CONTEXT_COUNTRIES] or focus
    points: list[tuple[float, float]] = []
    if show_incidents and incidents is not None:
        grouped = "countries" in incidents.columns
        layers.append((incident_cells_layer if grouped else incidents_layer)(incidents, names, labels, lang))
        located = incidents.dropna(subset=["latitude", "longitude"])
        located = located[located["country_iso3"].isin(framing)]
        points += list(zip(located["longitude"].astype(float), located["latitude"].astype(float)))
    for geometry in shapes.loc[shapes["country_iso3"].isin(framing), "geometry"]:
        points += list(_coords(geometry))
    view = fit_view(points, size_px)
    if frame_label:
        layers.append(frame_label_layer(frame_label, view, size_px, presenting))
    return CompactDeck(
        layers=layers,
        initial_view_state=view,
        # Leave map_style at pydeck's default: with no provider it is serialised as the "__MAP_STYLE__"
        # sentinel, which Streamlit reads as "no basemap". A missing or empty mapStyle makes Streamlit
        # 1.67 load Carto's positron style from basemaps.cartocdn.com instead.
        map_provider=None,
        tooltip={"text": "{tip}", "style": PRESENTER_TOOLTIP_STYLE if presenting else TOOLTIP_STYLE},
    )


def latest_values_deck(values: pd.DataFrame, shapes: pd.DataFrame, *, names: Mapping[str, str],
                       labels: Mapping[str, str], indicator: str = "", unit: str = "",
                       focus: Sequence[str] = (), lang: str = "en", presenting: bool = False,
                       size_px: tuple[int, int] = MAP_SIZE_PX) -> pdk.Deck:
    """The latest whole-year value per country of one indicator (years may differ: each tooltip says
    which); a part-year figure never fills the map."""
    return choropleth_deck(latest_usable(whole_years(values)), shapes, names=names, labels=labels, indicator=indicator,
                           unit=unit, year=None, focus=focus, incidents=None, lang=lang, presenting=presenting,
                           size_px=size_px)


def incident_table(incidents: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Incidents for display, largest first: date, country (name), dead_and_missing, location, cause, route,
    and the source's own cause and route text when the incidents carry it (cause_source, route_source)."""
    df = incidents.sort_values(["dead_and_missing", "incident_date"], ascending=[False, False])
    own = {c: df[c] for c in ("cause_source", "route_source") if c in df.columns}
    return pd.DataFrame({
        "incident_date": pd.to_datetime(df["incident_date"]).dt.date,
        "country": df["country_iso3"].map(lambda c: names.get(c, c)),
        "dead_and_missing": df["dead_and_missing"].astype("Int64"),  # before the long texts, so it stays in view
        "location": df["location"],
        "cause": df["cause"],
        "route": df["route"],
        **own,
    }).reset_index(drop=True)
