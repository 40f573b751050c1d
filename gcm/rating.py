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
from gcm.i18n import by_english, t
from common.paths import DATA_DIR
from gcm.stats import rank_with_ties, whole_years

RATING_FILE = DATA_DIR / "rating.toml"
SCORE_CLASSES = ("high", "medium", "low", "very_low")  # best first
TRENDS = ("on_track", "moderate", "stagnating", "deteriorating")
NOT_TRENDED = "not_trended"  # an objective trend where no indicator may be trended (measurement changed)
RULES = ("data", "definition", "target")  # how an indicator's bounds were set (rating.toml's bounds_rule)
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
    events: str | None = None  # the count the indicator is computed from
    min_events: int = 0  # fewer events than this: the value is not rated ('too_few')
    trend: bool = True  # False where the measurement changed over the years: never trended

    @property
    def higher_is_better(self) -> bool:
        return self.optimum > self.lower


@dataclass(frozen=True)
class Commitment:
    """A policy indicator that is counted, not scored: met when its latest value is at least `met_at`."""

    indicator_code: str
    met_at: float = 1.0
    source: str | None = None


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
    commitments: Mapping[str, Commitment] = field(default_factory=dict)
    rank_step: int = 1
    min_events: int = 0  # the pages rank no rate computed from fewer events (a bound's own `min_events` first)
    path: str = ""


def parse_config(data: Mapping, path: str = "") -> RatingConfig:
    """Build and check a RatingConfig from parsed TOML; raise ValueError on an inconsistent file."""
    bounds = {}
    for code, b in data.get("bounds", {}).items():
        lower, optimum = float(b["lower"]), float(b["optimum"])
        if lower == optimum:
            raise ValueError(f"{path}: bounds of {code} are equal ({lower})")
        rule = str(b.get("rule", "data"))
        if rule not in RULES:
            raise ValueError(f"{path}: bounds of {code} have rule {rule!r}, not one of {RULES}")
        bounds[code] = Bound(code, lower, optimum, rule, b.get("note"), b.get("source"), b.get("events"),
                             int(b.get("min_events", 0)), bool(b.get("trend", True)))
    commitments = {code: Commitment(code, float(c.get("met_at", 1)), c.get("source"))
                   for code, c in data.get("commitments", {}).items()}
    context_only = {k: str(v["reason"]) for k, v in data.get("context_only", {}).items()}
    for code in set(bounds) & (set(commitments) | set(context_only)) | set(commitments) & set(context_only):
        raise ValueError(f"{path}: {code} is in more than one of bounds, commitments and context_only")
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
        context_only=context_only,
        commitments=commitments,
        rank_step=max(1, int(data.get("rank_step", 1))),
        min_events=int(data.get("min_events", 0)),
        path=path,
    )


def load_config(path: Path | str | None = None) -> RatingConfig:
    """Read and check the rating file (GCM_RATING_FILE or data/rating.toml unless `path` is given)."""
    path = Path(path) if path else rating_file()
    with open(path, "rb") as fh:
        return parse_config(tomllib.load(fh), str(path))


def ranking_events(code: str, catalogue: pd.DataFrame, config: RatingConfig) -> tuple[str, int] | None:
    """The count a rate rests on and the fewest events a value of it needs to be ranked on the pages: a
    rated indicator's `events` and `min_events`, else, for a rate computed from a count of people or
    events (indicators.csv's `derived_numerator`), that count and the file's `min_events`. None for
    anything else (a count, a share of money, a score): the same reliability rule as the rating."""
    bound = config.bounds.get(code)
    if bound is not None and bound.events:
        return bound.events, bound.min_events
    by_code = catalogue.set_index("indicator_code")
    if code not in by_code.index or bool(by_code.loc[code, "is_count"]) or config.min_events <= 0:
        return None
    numerator = by_code.loc[code, "derived_numerator"]
    if isinstance(numerator, str) and numerator in by_code.index and bool(by_code.loc[numerator, "is_count"]):
        return numerator, config.min_events
    return None


# --- Scores -----------------------------------------------------------------------------------

def short_sources(config: RatingConfig, codes: Sequence[str] | None = None, lang: str = "en") -> list[str]:
    """The short citations of the rated indicators (all, or `codes`), each once, for a chart's source line,
    in `lang` where the catalogue has them (`rating_source_*`); a citation it lacks stays as the file has it."""
    out: dict[str, None] = {}
    for code, item in [*config.bounds.items(), *config.commitments.items()]:
        if item.source and (codes is None or code in codes):
            out.update(dict.fromkeys(part.strip() for part in item.source.split(";")))
    names = by_english("rating_source_", lang)
    return [names.get(part, part) for part in out]


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
                 "latest_flag", "latest_upper_bound", "latest_events", "score", "baseline_year", "baseline_value",
                 "baseline_flag", "baseline_upper_bound", "baseline_score", "n_points", "slope", "trend",
                 "lower", "optimum"]
STATUSES = ("scored", "censored", "too_few", "too_old", "no_data")


def _observations(values: pd.DataFrame, config: RatingConfig) -> pd.DataFrame:
    """Rows that can enter a rating, each with its score and, where the indicator counts events, how many.

    The score is NaN where a censored value cannot be rated and where there are fewer events than the
    indicator's minimum (`few` is then True): such a value is still the latest, never skipped for an older one.
    """
    if not config.use_partial_years:
        values = whole_years(values)  # the one rule of every page (gcm.stats)
    counts = {(c, i, int(y)): (math.nan if isinstance(f, str) and f == "suppressed" else v)
              for c, i, y, v, f in zip(values["country_iso3"], values["indicator_code"], values["year"],
                                       values["value"], values["value_flag"])}
    obs = values[values["indicator_code"].isin(config.bounds.keys())].copy()
    flag = obs["value_flag"].astype(object).where(obs["value_flag"].notna(), None)
    obs["value_flag"] = flag
    obs = obs[obs["value"].notna() | (flag == "suppressed")]
    scores, events, few = [], [], []
    for iso3, code, year, value, fl, ub in zip(obs["country_iso3"], obs["indicator_code"], obs["year"],
                                               obs["value"], obs["value_flag"], obs["upper_bound"]):
        b = config.bounds[code]
        n = counts.get((iso3, b.events, int(year)), math.nan) if b.events else math.nan
        too_few = b.min_events > 0 and not (n >= b.min_events)
        if too_few:
            score = math.nan
        elif fl == "suppressed":
            score = censored_score(ub, b) if config.rate_pinned_censored else math.nan
        else:
            score = indicator_score(value, b)
        scores.append(score)
        events.append(n)
        few.append(too_few)
    obs["score"], obs["events"], obs["few"] = scores, events, few
    return obs.sort_values(["indicator_code", "country_iso3", "year"])


def indicator_scores(values: pd.DataFrame, indicator_objectives: Mapping[str, int], countries: Sequence[str],
                     config: RatingConfig, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """One row per country and rated (outcome) indicator: latest value and score, baseline, trend, status.

    `values` has country_iso3, indicator_code, year, value, value_flag, upper_bound, months_covered,
    for the rated indicators and the counts they name as `events`. The latest value is the most
    recent full year within `years` and from `min_latest_year` on; the baseline is the value at
    `baseline_year` or the nearest year before it within `baseline_window`. Status: 'scored',
    'censored' (suppressed and its bound does not fix the score), 'too_few' (fewer events than the
    indicator's minimum), 'too_old' (data only before the window) or 'no_data'.
    """
    lo, hi = years if years else (config.min_latest_year, 9999)
    lo = max(lo, config.min_latest_year)
    obs = _observations(values, config)
    # Plain tuples per series: a few hundred short series, where pandas indexing would dominate.
    series: dict[tuple[str, str], list[tuple]] = {}
    for rec in zip(obs["country_iso3"], obs["indicator_code"], obs["year"].astype(int), obs["value"],
                   obs["value_flag"], obs["upper_bound"], obs["score"], obs["events"], obs["few"]):
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
                year, value, flag, upper, score, events, few = recent[-1]
                status = "scored" if pd.notna(score) else "too_few" if few else "censored"
                row.update(latest_year=year, latest_value=value, latest_flag=flag, latest_upper_bound=upper,
                           latest_events=events, score=score, status=status)
                if status == "scored":
                    row.update(_trend(obs_list, row, config, bound.trend))
            elif any(o[0] < lo for o in obs_list):
                row["status"] = "too_old"
            rows.append(row)
    out = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    for col in ("latest_year", "baseline_year", "objective_id", "n_points"):
        out[col] = out[col].astype("Int64")
    for col in ("latest_value", "latest_upper_bound", "latest_events", "score", "baseline_value",
                "baseline_upper_bound", "baseline_score", "slope", "lower", "optimum"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    return out


def _trend(obs: list[tuple], row: dict, config: RatingConfig, trended: bool = True) -> dict:
    """Baseline, number of points and (where `trended`) the trend for one series of
    (year, value, flag, upper_bound, score, events, few)."""
    latest_year = row["latest_year"]
    if latest_year <= config.baseline_year:
        return {}  # progress since the GCM's adoption cannot be measured up to the baseline itself
    first = config.baseline_year - config.baseline_window
    window = [o for o in obs if first <= o[0] <= config.baseline_year and o[0] < latest_year and pd.notna(o[4])]
    if not window:
        return {}
    year, value, flag, upper, score = window[-1][:5]
    n_points = sum(1 for o in obs if year <= o[0] <= latest_year and pd.notna(o[4]))
    out = dict(baseline_year=year, baseline_value=value, baseline_flag=flag, baseline_upper_bound=upper,
               baseline_score=score, n_points=n_points)
    if trended and n_points >= config.min_trend_points:
        slope = (row["score"] - score) / (latest_year - year)
        out.update(slope=slope, trend=trend_class(slope, row["score"], config))
    return out


COMMITMENT_COLUMNS = ["country_iso3", "indicator_code", "objective_id", "year", "value", "met"]


def commitment_status(values: pd.DataFrame, indicator_objectives: pd.DataFrame, countries: Sequence[str],
                      config: RatingConfig, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Per country, commitment and objective it serves: the latest value up to the selection's last year.

    A commitment is a status (a ratification holds until it is withdrawn), so its latest value is the
    last one known up to `years`' end, whatever its year; `year` says as of when. `met` is NA where
    the country has no value. `indicator_objectives` pairs indicator_code and objective_id (an
    indicator such as a SDG 10.7.2 domain can serve several objectives).
    """
    hi = years[1] if years else 9999
    known = values[values["indicator_code"].isin(config.commitments.keys()) & values["value"].notna()
                   & (values["year"] <= hi)]
    latest = known.sort_values("year").groupby(["country_iso3", "indicator_code"]).tail(1)
    latest = latest.set_index(["country_iso3", "indicator_code"])
    pairs = indicator_objectives[indicator_objectives["indicator_code"].isin(config.commitments.keys())]
    rows = []
    for code, objective in zip(pairs["indicator_code"], pairs["objective_id"]):
        for iso3 in countries:
            row = dict(country_iso3=iso3, indicator_code=code, objective_id=int(objective), year=pd.NA,
                       value=math.nan, met=pd.NA)
            if (iso3, code) in latest.index:
                rec = latest.loc[(iso3, code)]
                row.update(year=int(rec["year"]), value=float(rec["value"]),
                           met=bool(rec["value"] >= config.commitments[code].met_at))
            rows.append(row)
    out = pd.DataFrame(rows, columns=COMMITMENT_COLUMNS)
    out["year"], out["met"] = out["year"].astype("Int64"), out["met"].astype("boolean")
    return out


def year_span(years: Sequence[int]) -> str:
    """'2014', '2014–2023': the first and last of some years, for "as of" notes."""
    known = sorted({int(y) for y in years if pd.notna(y)})
    if not known:
        return ""
    return str(known[0]) if known[0] == known[-1] else f"{known[0]}–{known[-1]}"


RATING_COLUMNS = ["country_iso3", "objective_id", "score", "score_class", "trend", "slope", "coverage",
                  "indicators_rated", "indicators_total", "latest_year", "rank", "rank_label", "n_ranked",
                  "commitments_met", "commitments_known", "commitments_total", "commitments_as_of"]


def objective_ratings(scores: pd.DataFrame, objective_ids: Sequence[int], countries: Sequence[str],
                      config: RatingConfig, commitments: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per country and objective: the outcome rating and, apart from it, the commitments met.

    Outcome: the mean of the objective's outcome indicator scores where coverage allows, its trend
    (never an improvement while one of those indicators deteriorates), coverage and a rank in steps
    of `rank_step` points. `score_class` is 'context' for an objective with no outcome indicator and
    'insufficient' when too few of them have a recent score; neither gets a score.
    Commitments (from `commitment_status`): how many the country meets, of how many with a value and
    in all, and the years they are as of. They never enter the score.
    """
    totals = scores.drop_duplicates("indicator_code").groupby("objective_id")["indicator_code"].count()
    scored = scores[scores["score"].notna()]
    keys = ["country_iso3", "objective_id"]
    level = scored.groupby(keys).agg(rated=("score", "size"), score=("score", "mean"), latest=("latest_year", "max"))
    # Cells whose scored indicators may none of them be trended (their measurement changed) say so.
    cells = list(zip(scored["country_iso3"], scored["objective_id"], scored["indicator_code"]))
    untrendable = ({(c, o) for c, o, code in cells if not config.bounds[code].trend}
                   - {(c, o) for c, o, code in cells if config.bounds[code].trend})
    trended = scored[scored["slope"].notna()].groupby(keys).agg(
        slope=("slope", "mean"), score=("score", "mean"),
        worsening=("trend", lambda tr: bool((tr == "deteriorating").any())))
    level, trended = level.to_dict("index"), trended.to_dict("index")
    promises = _commitment_counts(commitments)
    rows = []
    for iso3 in countries:
        for obj in objective_ids:
            total = int(totals.get(obj, 0))
            row = dict(country_iso3=iso3, objective_id=int(obj), score=math.nan, trend=None, slope=math.nan,
                       coverage=math.nan, indicators_rated=0, indicators_total=total, latest_year=pd.NA,
                       **promises.get((iso3, int(obj)), dict(commitments_met=0, commitments_known=0,
                                                             commitments_total=0, commitments_as_of="")))
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
                    if trend["worsening"] and row["trend"] in ("on_track", "moderate"):
                        row["trend"] = "stagnating"
                elif (iso3, obj) in untrendable:
                    row["trend"] = NOT_TRENDED
            row["score_class"] = score_class(row["score"], config)
            rows.append(row)
    out = pd.DataFrame(rows)
    out["latest_year"] = out["latest_year"].astype("Int64")
    out["rank"], out["rank_label"], out["n_ranked"] = pd.NA, "", 0
    for obj, grp in out.groupby("objective_id"):
        # Ranked in steps of rank_step points: a difference smaller than that is not meaningful.
        step = grp["score"].map(lambda s: None if pd.isna(s) else shown_score(s) // config.rank_step)
        ranks = rank_with_ties(step.astype("Float64").dropna(), higher_is_better=True)
        out.loc[ranks.index, "rank"] = ranks["rank"]
        out.loc[ranks.index, "rank_label"] = ranks["rank_label"]
        out.loc[grp.index, "n_ranked"] = len(ranks)
    out["rank"] = out["rank"].astype("Int64")
    return out[RATING_COLUMNS]


def _commitment_counts(commitments: pd.DataFrame | None) -> dict[tuple[str, int], dict]:
    """(country, objective) -> commitments met, known, in all, and the years they are as of."""
    if commitments is None or commitments.empty:
        return {}
    out = {}
    for (iso3, obj), grp in commitments.groupby(["country_iso3", "objective_id"]):
        known = grp[grp["met"].notna()]
        out[(iso3, int(obj))] = dict(commitments_met=int(known["met"].astype(bool).sum()),
                                     commitments_known=len(known), commitments_total=len(grp),
                                     commitments_as_of=year_span(known["year"]))
    return out


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
    return t(f"rating_trend_{trend}" if trend in (*TRENDS, NOT_TRENDED) else "rating_trend_none", lang)


def outcome_text(row: Mapping, lang: str = "en") -> str:
    """A cell's outcome: '↗ 62', '62¹' when it rests on one indicator, '–' when too thin, and nothing
    for an objective without an outcome indicator (its pale cell shows only its commitments)."""
    if row["score_class"] == "context":
        return ""
    if row["score_class"] == "insufficient":
        return "–"
    single = "¹" if int(row["indicators_rated"]) == 1 else ""
    return f"{trend_arrow(row.get('trend'))} {shown_score(row['score'])}{single}".strip()


def commitments_text(row: Mapping, lang: str = "en") -> str:
    """A cell's commitments: 'C 2/3' (met of those with a value), 'C –' without data, '' when the objective has none."""
    if not row.get("commitments_total"):
        return ""
    letter = t("rating_cell_commitments", lang)
    if not row["commitments_known"]:
        return f"{letter} –"
    return f"{letter} {int(row['commitments_met'])}/{int(row['commitments_known'])}"


def cell_text(row: Mapping, lang: str = "en", sep: str = " · ") -> str:
    """What a scorecard cell says: the outcome, then the commitments ('↗ 62 · C 2/3', 'C 1/1' without an
    outcome indicator, '·' with neither)."""
    return sep.join(part for part in (outcome_text(row, lang), commitments_text(row, lang)) if part) or "·"


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
    ys = [_wrap(country_names.get(c, c), 17, 2) for c in countries]
    lines = 5 if presenting else 4
    xs = [f"<b>{o}</b><br>" + _wrap(objective_names.get(o, str(o)), 10, lines, presenting) for o in objectives]
    return ys, xs


def scorecard_figure(ratings: pd.DataFrame, country_names: Mapping[str, str],
                     objective_names: Mapping[int, str], lang: str, title: str, note: str,
                     presenting: bool = False, legend: bool = True) -> go.Figure:
    """Countries (rows, in the given order) by objectives (columns): class colour plus the cell's text.

    `ratings` holds the rows to draw (load_ratings columns); the text and the hover say everything
    the colour says, and the class legend sits above the grid. Each cell's customdata is
    [hover text, country_iso3, objective_id], so a click can be traced back to its cell.
    `presenting` lays it out with presenter-mode type (>= 16 px) for a shared screen. A block after the
    first (`legend=False`, often with no note) repeats only the column headings, so they are never far away.
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
    for name in classes if legend else ():
        label = t("rating_legend_context", lang) if name == "context" else rating_label(name, lang)
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=label,
                                 marker=dict(symbol="square", size=legend_px + 2, color=CLASS_COLOURS[name],
                                             line=dict(color="#9CA3AF", width=1)),
                                 hoverinfo="skip", showlegend=True))
    # Fixed pixel bands from the top: title, source lines, legend, then the column headings.
    note_lines = [line for part in note.split("<br>") for line in textwrap.wrap(part, 95 if presenting else 105)]
    legend_top = ((52 if title else 10) + round(note_px * 1.4) * len(note_lines) + (6 if presenting else 0))
    # Column headings: the number and up to five lines of name at presenter size.
    heads = round(head_px * 1.3 * 6) + 6 if presenting else 100  # room for five lines under Streamlit's theme
    # The class legend wraps to up to three rows in a narrow column (two in presenter type at 1280 px).
    top = legend_top + ((62 if presenting else 70) if legend else 0) + heads
    row_height = 50 if presenting else 46
    height = top + row_height * len(countries) + 20
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", xref="container", y=1 - 10 / height, yanchor="top",
                   yref="container", font=dict(size=title_px),
                   subtitle=dict(text="<br>".join(note_lines),
                                 font=dict(size=note_px, color="#1a1a1a" if presenting else "#4b5563"))),
        font=dict(FONT, size=cell_px, color="#000000" if presenting else FONT["color"]), height=height,
        plot_bgcolor="white", paper_bgcolor="white",
        # A fixed left margin for the country names, so the blocks' columns line up one under another.
        margin=dict(l=200 if presenting else 170, r=10, t=top, b=20), hoverlabel=dict(font_size=legend_px + 1), dragmode=False,
        legend=dict(orientation="h", x=0, xref="container", y=1 - legend_top / height, yref="container",
                    yanchor="top", font=dict(size=legend_px), itemclick=False, itemdoubleclick=False),
    )
    # Explicit ranges: the transparent markers would otherwise pad the axes with empty bands.
    ink = "#000000" if presenting else None
    fig.update_xaxes(side="top", tickfont=dict(size=head_px, color=ink), tickangle=0, showgrid=False, fixedrange=True,
                     range=[-0.5, len(objectives) - 0.5])
    fig.update_yaxes(tickfont=dict(size=row_px, color=ink), showgrid=False, fixedrange=True, automargin=False,
                     range=[len(countries) - 0.5, -0.5])
    return fig


def _hover(r: Mapping, country: str, objective_id: int, objective: str, lang: str) -> str:
    lines = [f"<b>{country}</b> · {objective_id}. {objective}"]
    if r["score_class"] == "context":
        lines.append(t("rating_hover_no_outcome", lang))
    else:
        lines.append(t("rating_hover_outcome", lang, rating=rating_label(r["score_class"], lang)))
    if pd.notna(r["score"]):
        lines.append(t("rating_hover_score", lang, score=shown_score(r["score"]), year=r["latest_year"]))
        lines.append(t("rating_hover_rank", lang, rank=r["rank_label"], n=r["n_ranked"]))
        lines.append(f"{trend_arrow(r['trend'])} {trend_label(r['trend'], lang)}".strip())
    if r["score_class"] != "context":
        lines.append(t("rating_hover_coverage", lang, rated=int(r["indicators_rated"]), total=int(r["indicators_total"])))
    if int(r["indicators_rated"]) == 1 and pd.notna(r["score"]):
        lines.append(t("rating_hover_single", lang))
    lines.append(commitments_sentence(r, lang))
    return "<br>".join(lines)


def commitments_sentence(r: Mapping, lang: str = "en") -> str:
    """'Commitments: meets 2 of the 3 with data (as of 2014–2023)', or why there are none to count."""
    if not r.get("commitments_total"):
        return t("rating_commitments_none", lang)
    if not r["commitments_known"]:
        return t("rating_commitments_no_data", lang, total=int(r["commitments_total"]))
    if r["commitments_known"] == r["commitments_total"]:
        return t("rating_commitments_all", lang, met=int(r["commitments_met"]), total=int(r["commitments_total"]),
                 as_of=r["commitments_as_of"])
    return t("rating_commitments", lang, met=int(r["commitments_met"]), known=int(r["commitments_known"]),
             total=int(r["commitments_total"]), as_of=r["commitments_as_of"])


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
