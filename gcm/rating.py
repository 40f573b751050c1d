"""Progress ratings (method: docs/rating.md): indicator scores between bounds, trends from 2018, objective ratings.

Everything here is pure (pandas in, frames or a Plotly figure out, no Streamlit), so it can be
tested on a few hand-written rows; gcm/queries/rating.py feeds it from the warehouse. The numbers (bounds, class edges, trend thresholds, coverage rule) come from a
versioned TOML file, `data/rating.toml` unless GCM_RATING_FILE names another; the Methodology page
is generated from the same file.
"""
from __future__ import annotations

import math
import os
import textwrap
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from gcm.charts import FONT, PRESENTER_FONT_PX, PRESENTER_MIN_PX
from gcm.formatting import number
from gcm.i18n import t
from common.paths import DATA_DIR
from gcm.stats import rank_with_ties

RATING_FILE = DATA_DIR / "rating.toml"
SCORE_CLASSES = ("high", "medium", "low", "very_low")  # best first
TRENDS = ("on_track", "moderate", "stagnating", "deteriorating")
# Okabe & Ito blue-to-vermillion: readable with the common colour-vision deficiencies. Each cell
# also prints its score (which fixes the class) and the hover names the class: colour is never
# the only cue.
CLASS_COLOURS = {"high": "#0072B2", "medium": "#56B4E9", "low": "#E69F00", "very_low": "#D55E00",
                 "insufficient": "#E5E7EB", "context": "#F9FAFB"}
CLASS_TEXT_COLOURS = {"high": "#FFFFFF", "medium": "#111827", "low": "#111827", "very_low": "#FFFFFF",
                      "insufficient": "#374151", "context": "#6B7280"}
ARROWS = {"on_track": "↑", "moderate": "↗", "stagnating": "→", "deteriorating": "↓"}


def rating_file() -> Path:
    """The rating file in use: GCM_RATING_FILE if set, else data/rating.toml."""
    override = os.environ.get("GCM_RATING_FILE", "").strip()
    return Path(override).expanduser().resolve() if override else RATING_FILE


@dataclass(frozen=True)
class Bound:
    """Where an indicator scores 0 (`lower`, the worst) and 100 (`optimum`), in its own unit."""

    indicator_code: str
    lower: float
    optimum: float
    rule: str = "data"
    note: str | None = None
    source: str | None = None

    @property
    def higher_is_better(self) -> bool:
        return self.optimum > self.lower


@dataclass(frozen=True)
class RatingConfig:
    """The contents of rating.toml."""

    version: str
    baseline_year: int
    baseline_window: int
    min_latest_year: int
    min_trend_points: int
    use_partial_years: bool
    rate_pinned_censored: bool
    coverage_min_share: float
    coverage_min_indicators: int
    class_edges: Mapping[str, float]
    trend_on_track: float
    trend_moderate: float
    trend_deteriorating: float
    maintained_score: float
    bounds: Mapping[str, Bound]
    bounds_rule: Mapping[str, object] = field(default_factory=dict)
    context_only: Mapping[str, str] = field(default_factory=dict)
    path: str = ""


def parse_config(data: Mapping, path: str = "") -> RatingConfig:
    """Build and check a RatingConfig from parsed TOML; raise ValueError on an inconsistent file."""
    bounds = {}
    for code, b in data.get("bounds", {}).items():
        lower, optimum = float(b["lower"]), float(b["optimum"])
        if lower == optimum:
            raise ValueError(f"{path}: bounds of {code} are equal ({lower})")
        bounds[code] = Bound(code, lower, optimum, str(b.get("rule", "data")), b.get("note"), b.get("source"))
    edges = {k: float(v) for k, v in data["score_classes"].items()}
    if list(edges) != list(SCORE_CLASSES) or sorted(edges.values(), reverse=True) != list(edges.values()):
        raise ValueError(f"{path}: score_classes must list {SCORE_CLASSES} with falling lower edges")
    trend = data["trend"]
    if not trend["on_track"] > trend["moderate"] > 0 > trend["deteriorating"]:
        raise ValueError(f"{path}: trend thresholds must satisfy on_track > moderate > 0 > deteriorating")
    cov = data["coverage"]
    return RatingConfig(
        version=str(data["version"]),
        baseline_year=int(data["baseline_year"]),
        baseline_window=int(data["baseline_window"]),
        min_latest_year=int(data["min_latest_year"]),
        min_trend_points=max(2, int(data["min_trend_points"])),
        use_partial_years=bool(data.get("use_partial_years", False)),
        rate_pinned_censored=bool(data.get("rate_pinned_censored", True)),
        coverage_min_share=float(cov["min_share"]),
        coverage_min_indicators=max(1, int(cov["min_indicators"])),
        class_edges=edges,
        trend_on_track=float(trend["on_track"]),
        trend_moderate=float(trend["moderate"]),
        trend_deteriorating=float(trend["deteriorating"]),
        maintained_score=float(trend["maintained_score"]),
        bounds=bounds,
        bounds_rule=dict(data.get("bounds_rule", {})),
        context_only={k: str(v["reason"]) for k, v in data.get("context_only", {}).items()},
        path=path,
    )


def load_config(path: Path | str | None = None) -> RatingConfig:
    """Read and check the rating file (GCM_RATING_FILE or data/rating.toml unless `path` is given)."""
    path = Path(path) if path else rating_file()
    with open(path, "rb") as fh:
        return parse_config(tomllib.load(fh), str(path))


# --- Scores -----------------------------------------------------------------------------------

def short_sources(config: RatingConfig, codes: Sequence[str] | None = None) -> list[str]:
    """The short citations of the rated indicators (all, or `codes`), each once, for a chart's source line."""
    out: dict[str, None] = {}
    for code, bound in config.bounds.items():
        if bound.source and (codes is None or code in codes):
            out.update(dict.fromkeys(part.strip() for part in bound.source.split(";")))
    return list(out)


def indicator_score(value: float, bound: Bound) -> float:
    """100 x (x - lower) / (optimum - lower), clipped to 0-100; the bound order handles lower-is-better."""
    if value is None or pd.isna(value):
        return math.nan
    return float(min(100.0, max(0.0, 100.0 * (value - bound.lower) / (bound.optimum - bound.lower))))


def censored_score(upper_bound: float, bound: Bound) -> float:
    """The score of a suppressed value (true value below `upper_bound`) where the bound fixes it, else NaN.

    Below the upper bound the true value could score anything between the clip and the score of the
    bound itself, so only two cases are certain: higher-is-better with the bound already at or below
    `lower` (score 0), and lower-is-better with the bound at or below `optimum` (score 100).
    """
    if upper_bound is None or pd.isna(upper_bound):
        return math.nan
    at_bound = indicator_score(upper_bound, bound)
    if bound.higher_is_better and at_bound == 0.0:
        return 0.0
    if not bound.higher_is_better and at_bound == 100.0:
        return 100.0
    return math.nan


def shown_score(score: float) -> int | None:
    """The whole-number score readers see; classes and ties use it so equal-looking scores rank equal."""
    return None if score is None or pd.isna(score) else int(math.floor(float(score) + 0.5))


def score_class(score: float, config: RatingConfig) -> str:
    """'high', 'medium', 'low' or 'very_low' for a score; 'insufficient' when there is none."""
    shown = shown_score(score)
    if shown is None:
        return "insufficient"
    for name in SCORE_CLASSES:
        if shown >= config.class_edges[name]:
            return name
    return SCORE_CLASSES[-1]


def trend_class(slope: float, latest_score: float, config: RatingConfig) -> str | None:
    """Open SDG-style trend from score points per year; holding a score near 100 counts as on track."""
    if slope is None or pd.isna(slope):
        return None
    if latest_score is not None and not pd.isna(latest_score) and latest_score >= config.maintained_score \
            and slope > config.trend_deteriorating:
        return "on_track"
    if slope >= config.trend_on_track:
        return "on_track"
    if slope >= config.trend_moderate:
        return "moderate"
    if slope <= config.trend_deteriorating:
        return "deteriorating"
    return "stagnating"


SCORE_COLUMNS = ["country_iso3", "indicator_code", "objective_id", "status", "latest_year", "latest_value",
                 "latest_flag", "latest_upper_bound", "score", "baseline_year", "baseline_value",
                 "baseline_flag", "baseline_upper_bound", "baseline_score", "n_points", "slope", "trend",
                 "lower", "optimum"]


def _observations(values: pd.DataFrame, config: RatingConfig) -> pd.DataFrame:
    """Rows that can enter a rating, each with its score (NaN where a censored value cannot be rated)."""
    obs = values[values["indicator_code"].isin(config.bounds.keys())].copy()
    if not config.use_partial_years and "months_covered" in obs:
        months = pd.to_numeric(obs["months_covered"], errors="coerce")
        obs = obs[months.isna() | (months >= 12)]
    flag = obs["value_flag"].astype(object).where(obs["value_flag"].notna(), None)
    obs["value_flag"] = flag
    obs = obs[obs["value"].notna() | (flag == "suppressed")]
    scores = []
    for code, value, fl, ub in zip(obs["indicator_code"], obs["value"], obs["value_flag"], obs["upper_bound"]):
        b = config.bounds[code]
        if fl == "suppressed":
            scores.append(censored_score(ub, b) if config.rate_pinned_censored else math.nan)
        else:
            scores.append(indicator_score(value, b))
    obs["score"] = scores
    return obs.sort_values(["indicator_code", "country_iso3", "year"])


def indicator_scores(values: pd.DataFrame, indicator_objectives: Mapping[str, int], countries: Sequence[str],
                     config: RatingConfig, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """One row per country and rated indicator: latest value and score, baseline, trend, and a status.

    `values` has country_iso3, indicator_code, year, value, value_flag, upper_bound, months_covered.
    The latest value is the most recent full year within `years` and from `min_latest_year` on; the
    baseline is the value at `baseline_year` or the nearest year before it within `baseline_window`.
    Status: 'scored', 'censored' (suppressed and its bound does not fix the score), 'too_old' (data
    only before the window) or 'no_data'.
    """
    lo, hi = years if years else (config.min_latest_year, 9999)
    lo = max(lo, config.min_latest_year)
    obs = _observations(values, config)
    # Plain tuples per series: a few hundred short series, where pandas indexing would dominate.
    series: dict[tuple[str, str], list[tuple]] = {}
    for rec in zip(obs["country_iso3"], obs["indicator_code"], obs["year"].astype(int), obs["value"],
                   obs["value_flag"], obs["upper_bound"], obs["score"]):
        series.setdefault((rec[0], rec[1]), []).append(rec[2:])
    rows = []
    for code, bound in config.bounds.items():
        for iso3 in countries:
            row = dict.fromkeys(SCORE_COLUMNS)
            row.update(country_iso3=iso3, indicator_code=code, objective_id=indicator_objectives.get(code),
                       lower=bound.lower, optimum=bound.optimum, n_points=0, status="no_data")
            obs_list = series.get((iso3, code), [])
            recent = [o for o in obs_list if lo <= o[0] <= hi]
            if recent:
                year, value, flag, upper, score = recent[-1]
                row.update(latest_year=year, latest_value=value, latest_flag=flag, latest_upper_bound=upper,
                           score=score, status="scored" if pd.notna(score) else "censored")
                if row["status"] == "scored":
                    row.update(_trend(obs_list, row, config))
            elif any(o[0] < lo for o in obs_list):
                row["status"] = "too_old"
            rows.append(row)
    out = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    for col in ("latest_year", "baseline_year", "objective_id", "n_points"):
        out[col] = out[col].astype("Int64")
    for col in ("latest_value", "latest_upper_bound", "score", "baseline_value", "baseline_upper_bound",
                "baseline_score", "slope", "lower", "optimum"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    return out


def _trend(obs: list[tuple], row: dict, config: RatingConfig) -> dict:
    """Baseline, number of points and trend for one series of (year, value, flag, upper_bound, score)."""
    latest_year = row["latest_year"]
    if latest_year <= config.baseline_year:
        return {}  # progress since the GCM's adoption cannot be measured up to the baseline itself
    first = config.baseline_year - config.baseline_window
    window = [o for o in obs if first <= o[0] <= config.baseline_year and o[0] < latest_year and pd.notna(o[4])]
    if not window:
        return {}
    year, value, flag, upper, score = window[-1]
    n_points = sum(1 for o in obs if year <= o[0] <= latest_year and pd.notna(o[4]))
    out = dict(baseline_year=year, baseline_value=value, baseline_flag=flag, baseline_upper_bound=upper,
               baseline_score=score, n_points=n_points)
    if n_points >= config.min_trend_points:
        slope = (row["score"] - score) / (latest_year - year)
        out.update(slope=slope, trend=trend_class(slope, row["score"], config))
    return out


RATING_COLUMNS = ["country_iso3", "objective_id", "score", "score_class", "trend", "slope", "coverage",
                  "indicators_rated", "indicators_total", "latest_year", "rank", "rank_label", "n_ranked"]


def objective_ratings(scores: pd.DataFrame, objective_ids: Sequence[int], countries: Sequence[str],
                      config: RatingConfig) -> pd.DataFrame:
    """One row per country and objective: mean indicator score where coverage allows, trend, coverage, rank.

    `score_class` is 'context' for an objective with no rated indicator and 'insufficient' when too
    few of its rated indicators have a recent score; neither gets a score.
    """
    totals = scores.drop_duplicates("indicator_code").groupby("objective_id")["indicator_code"].count()
    scored = scores[scores["score"].notna()]
    keys = ["country_iso3", "objective_id"]
    level = scored.groupby(keys).agg(rated=("score", "size"), score=("score", "mean"), latest=("latest_year", "max"))
    trended = scored[scored["slope"].notna()].groupby(keys).agg(slope=("slope", "mean"), score=("score", "mean"))
    level, trended = level.to_dict("index"), trended.to_dict("index")
    rows = []
    for iso3 in countries:
        for obj in objective_ids:
            total = int(totals.get(obj, 0))
            row = dict(country_iso3=iso3, objective_id=int(obj), score=math.nan, trend=None, slope=math.nan,
                       coverage=math.nan, indicators_rated=0, indicators_total=total, latest_year=pd.NA)
            if total == 0:
                row["score_class"] = "context"
                rows.append(row)
                continue
            agg = level.get((iso3, obj), {"rated": 0})
            rated = int(agg["rated"])
            row.update(indicators_rated=rated, coverage=rated / total)
            if rated >= config.coverage_min_indicators and rated / total >= config.coverage_min_share:
                row.update(score=float(agg["score"]), latest_year=int(agg["latest"]))
                trend = trended.get((iso3, obj))
                if trend:
                    row["slope"] = float(trend["slope"])
                    row["trend"] = trend_class(row["slope"], float(trend["score"]), config)
            row["score_class"] = score_class(row["score"], config)
            rows.append(row)
    out = pd.DataFrame(rows)
    out["latest_year"] = out["latest_year"].astype("Int64")
    out["rank"], out["rank_label"], out["n_ranked"] = pd.NA, "", 0
    for obj, grp in out.groupby("objective_id"):
        shown = grp["score"].map(shown_score).astype("Float64")
        ranks = rank_with_ties(shown.dropna(), higher_is_better=True)
        out.loc[ranks.index, "rank"] = ranks["rank"]
        out.loc[ranks.index, "rank_label"] = ranks["rank_label"]
        out.loc[grp.index, "n_ranked"] = len(ranks)
    out["rank"] = out["rank"].astype("Int64")
    return out[RATING_COLUMNS]


def derive_bounds(latest: pd.Series, higher_is_better: bool, best_n: int = 5,
                  worst_percentile: float = 2.5) -> tuple[float, float]:
    """(lower, optimum) by the rule in rating.toml: optimum = the best_n-th best country's latest value,
    lower = the worst_percentile on the worst side of the latest values."""
    known = latest.dropna().astype(float)
    ordered = known.sort_values(ascending=not higher_is_better)
    optimum = float(ordered.iloc[min(best_n, len(ordered)) - 1])
    pct = worst_percentile if higher_is_better else 100 - worst_percentile
    return float(np.percentile(known, pct)), optimum


# --- Words, arrows and the scorecard grid -------------------------------------------------------

def rating_label(score_class: str, lang: str = "en") -> str:
    """The class name in a language: High, Medium, Low, Very low, Too little data, Context only."""
    return t(f"rating_class_{score_class}", lang)


def trend_arrow(trend: str | None) -> str:
    """↑ on track, ↗ moderate improvement, → stagnating, ↓ deteriorating; '' without a trend."""
    return ARROWS.get(trend or "", "")


def trend_label(trend: str | None, lang: str = "en") -> str:
    """The trend class in words, or 'no trend' where fewer than two data points allow none."""
    return t(f"rating_trend_{trend}" if trend in TRENDS else "rating_trend_none", lang)


def cell_text(row: Mapping, lang: str = "en", sep: str = " · ") -> str:
    """What a scorecard cell says: '↗ 62 · 2/3', '– · 1/3' when too thin, 'context' when nothing is rated."""
    if row["score_class"] == "context":
        return t("rating_cell_context", lang)
    coverage = f"{int(row['indicators_rated'])}/{int(row['indicators_total'])}"
    if row["score_class"] == "insufficient":
        return f"–{sep}{coverage}"
    arrow = trend_arrow(row.get("trend"))
    return f"{arrow} {shown_score(row['score'])}".strip() + f"{sep}{coverage}"


VOWELS = set("aeiouáéíóúâêôãõàü")
LONG_WORD = 12  # letters; a longer word overflows a scorecard column in presenter type


def hyphenate(word: str, width: int) -> str:
    """'documentación' -> 'documen- tación': a long word split once before a consonant-vowel syllable
    (keeping clusters such as 'gr', 'bl' together, as Spanish and Portuguese do), near `width`."""
    if len(word) < LONG_WORD:
        return word
    lower = word.lower()
    for i in range(min(width - 1, len(word) - 3), 2, -1):
        if lower[i] not in VOWELS and lower[i + 1] in VOWELS and lower[i - 1] in VOWELS | set("lmnrs"):
            return f"{word[:i]}- {word[i:]}"
        if lower[i] in "lr" and lower[i - 1] in "bcdfgpt" and lower[i + 1] in VOWELS and lower[i - 2] in VOWELS:
            return f"{word[:i - 1]}- {word[i - 1:]}"
    return word


def _wrap(text: str, width: int, lines: int, hyphenated: bool = False) -> str:
    if hyphenated:
        text = " ".join(hyphenate(w, width) for w in text.split())
    parts = textwrap.wrap(text, width, break_long_words=False)
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1].rstrip(" ,;") + "…"
    return "<br>".join(parts)


def grid_labels(country_names: Mapping[str, str], objective_names: Mapping[int, str],
                countries: Sequence[str], objectives: Sequence[int],
                presenting: bool = False) -> tuple[list[str], list[str]]:
    """Row and column labels of the scorecard grid: names wrapped to fit beside and above the cells
    (narrower lines, long words hyphenated, in presenter mode's larger type)."""
    ys = [_wrap(country_names.get(c, c), 20, 2) for c in countries]
    lines = 5 if presenting else 4
    xs = [f"<b>{o}</b><br>" + _wrap(objective_names.get(o, str(o)), 10, lines, presenting) for o in objectives]
    return ys, xs


def scorecard_figure(ratings: pd.DataFrame, country_names: Mapping[str, str],
                     objective_names: Mapping[int, str], lang: str, title: str, note: str,
                     presenting: bool = False) -> go.Figure:
    """Countries (rows, in the given order) by objectives (columns): class colour plus the cell's text.

    `ratings` holds the rows to draw (load_ratings columns); the text and the hover say everything
    the colour says, and the class legend sits above the grid. Each cell's customdata is
    [hover text, country_iso3, objective_id], so a click can be traced back to its cell.
    `presenting` lays it out with presenter-mode type (>= 16 px) for a shared screen.
    """
    # Type sizes: (cell, context cell, column heading, row label, legend, source line, title).
    sizes = ((PRESENTER_FONT_PX, PRESENTER_MIN_PX, PRESENTER_MIN_PX, PRESENTER_FONT_PX, PRESENTER_FONT_PX,
              PRESENTER_MIN_PX, 26) if presenting else (15, 12, 11.5, 15, 14, 13, 22))
    cell_px, context_px, head_px, row_px, legend_px, note_px, title_px = sizes
    countries = list(dict.fromkeys(ratings["country_iso3"]))
    objectives = list(dict.fromkeys(int(o) for o in ratings["objective_id"]))
    classes = list(SCORE_CLASSES) + ["insufficient", "context"]
    idx = {c: i for i, c in enumerate(classes)}
    cells = ratings.set_index(["country_iso3", "objective_id"])
    ys, xs = grid_labels(country_names, objective_names, countries, objectives, presenting)
    z, text, custom = [], [], []
    for c in countries:
        zr, tr, cr = [], [], []
        for o in objectives:
            r = cells.loc[(c, o)]
            zr.append(idx[r["score_class"]])
            tr.append(cell_text(r, lang, sep="<br>"))
            cr.append([_hover(r, country_names.get(c, c), o, objective_names.get(o, str(o)), lang), c, o])
        z.append(zr)
        text.append(tr)
        custom.append(cr)
    n = len(classes)
    # A stepped colour scale: each class index maps to exactly one flat colour.
    scale = []
    for i, name in enumerate(classes):
        scale += [[i / n, CLASS_COLOURS[name]], [(i + 1) / n, CLASS_COLOURS[name]]]
    fig = go.Figure(go.Heatmap(
        z=z, x=xs, y=ys, zmin=-0.5, zmax=n - 0.5, colorscale=scale, showscale=False, xgap=3, ygap=3,
        text=text, name="", hoverinfo="skip",
    ))
    # Heatmaps cannot be selected by a click; a transparent marker on every cell can, and it carries
    # the hover text and the cell's codes.
    flat = [(xs[xi], ys[yi], custom[yi][xi]) for yi in range(len(countries)) for xi in range(len(objectives))]
    fig.add_trace(go.Scatter(
        x=[f[0] for f in flat], y=[f[1] for f in flat], customdata=[f[2] for f in flat], mode="markers",
        marker=dict(symbol="square", size=34, color="rgba(0,0,0,0)"), showlegend=False, name="",
        hovertemplate="%{customdata[0]}<extra></extra>",
        selected=dict(marker=dict(opacity=1)), unselected=dict(marker=dict(opacity=1)),
    ))
    # Annotations rather than the heatmap's own text, so each cell's text colour suits its fill;
    # set in one go because adding them one by one is quadratic in Plotly.
    fig.update_layout(annotations=[
        dict(x=xs[xi], y=ys[yi], text=text[yi][xi], showarrow=False,
             font=dict(size=context_px if classes[z[yi][xi]] == "context" else cell_px,
                       color=CLASS_TEXT_COLOURS[classes[z[yi][xi]]]))
        for yi in range(len(countries)) for xi in range(len(objectives))
    ])
    for name in classes:
        label = t("rating_legend_context", lang) if name == "context" else rating_label(name, lang)
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=label,
                                 marker=dict(symbol="square", size=legend_px + 2, color=CLASS_COLOURS[name],
                                             line=dict(color="#9CA3AF", width=1)),
                                 hoverinfo="skip", showlegend=True))
    # Fixed pixel bands from the top: title, source lines, legend, then the column headings.
    note_lines = [line for part in note.split("<br>") for line in textwrap.wrap(part, 95 if presenting else 105)]
    legend_top = 52 + round(note_px * 1.4) * len(note_lines) + (6 if presenting else 0)
    # Column headings: the number and up to five lines of name at presenter size.
    heads = round(head_px * 1.3 * 6) + 6 if presenting else 80
    top, row_height = legend_top + (48 if presenting else 40) + heads, 50 if presenting else 46
    height = top + row_height * len(countries) + 20
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", xref="container", y=1 - 10 / height, yanchor="top",
                   yref="container", font=dict(size=title_px),
                   subtitle=dict(text="<br>".join(note_lines),
                                 font=dict(size=note_px, color="#1a1a1a" if presenting else "#4b5563"))),
        font=dict(FONT, size=cell_px, color="#000000" if presenting else FONT["color"]), height=height,
        plot_bgcolor="white", paper_bgcolor="white",
        margin=dict(l=10, r=10, t=top, b=20), hoverlabel=dict(font_size=legend_px + 1), dragmode=False,
        legend=dict(orientation="h", x=0, xref="container", y=1 - legend_top / height, yref="container",
                    yanchor="top", font=dict(size=legend_px), itemclick=False, itemdoubleclick=False),
    )
    # Explicit ranges: the transparent markers would otherwise pad the axes with empty bands.
    ink = "#000000" if presenting else None
    fig.update_xaxes(side="top", tickfont=dict(size=head_px, color=ink), tickangle=0, showgrid=False, fixedrange=True,
                     range=[-0.5, len(objectives) - 0.5])
    fig.update_yaxes(tickfont=dict(size=row_px, color=ink), showgrid=False, fixedrange=True, range=[len(countries) - 0.5, -0.5])
    return fig


def _hover(r: Mapping, country: str, objective_id: int, objective: str, lang: str) -> str:
    lines = [f"<b>{country}</b> · {objective_id}. {objective}", rating_label(r["score_class"], lang)]
    if r["score_class"] == "context":
        return "<br>".join(lines)
    if pd.notna(r["score"]):
        lines.append(t("rating_hover_score", lang, score=shown_score(r["score"]), year=r["latest_year"]))
        lines.append(t("rating_hover_rank", lang, rank=r["rank_label"], n=r["n_ranked"]))
        lines.append(f"{trend_arrow(r['trend'])} {trend_label(r['trend'], lang)}".strip())
    lines.append(t("rating_hover_coverage", lang, rated=int(r["indicators_rated"]), total=int(r["indicators_total"])))
    return "<br>".join(lines)


def peers_rated_better(ratings: pd.DataFrame, countries: pd.DataFrame, country_iso3: str,
                       objective_id: int) -> tuple[pd.DataFrame, bool]:
    """Countries rated better than `country_iso3` on an objective ("who solved this?"), best first.

    Peers share a peer group or the subregion. Better means a higher shown score or, where the
    country itself has no score, the 'high' class. When no peer is better the whole region is used,
    and the flag returned is True.
    """
    rows = ratings[(ratings["objective_id"] == objective_id) & ratings["score"].notna()
                   & (ratings["country_iso3"] != country_iso3)].copy()
    rows["shown"] = rows["score"].map(shown_score)
    own = ratings[(ratings["objective_id"] == objective_id) & (ratings["country_iso3"] == country_iso3)]
    mine = shown_score(own["score"].iloc[0]) if len(own) else None
    better = rows[rows["shown"] > mine] if mine is not None else rows[rows["score_class"] == "high"]
    groups = {r.country_iso3: set(r.peer_groups) | {"sub:" + r.subregion_code} for r in countries.itertuples()}
    mine_groups = groups.get(country_iso3, set())
    peers = better[better["country_iso3"].map(lambda c: bool(groups.get(c, set()) & mine_groups))]
    widened = peers.empty
    chosen = better if widened else peers
    return chosen.sort_values(["score", "country_iso3"], ascending=[False, True]).reset_index(drop=True), widened


def number_text(value: float, lang: str = "en") -> str:
    """A value to three significant figures (0.0345, 2.42, 16.5, 100), in the language's style."""
    if value is None or pd.isna(value):
        return "–"
    short = f"{float(value):.3g}"
    if "e" in short:
        return number(value, lang, 6) if abs(value) < 1 else number(value, lang, 0)
    return number(float(short), lang, len(short.split(".")[1]) if "." in short else 0)


def value_label(value: float, flag: str | None, upper_bound: float, lang: str = "en") -> str:
    """A latest or baseline value as read: '<1.8' for a suppressed one (never 0), else three figures."""
    if flag == "suppressed":
        return "<" + number_text(upper_bound, lang)
    return number_text(value, lang)
