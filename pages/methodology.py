"""Methodology: how ratings and trends are computed, generated from rating.toml, and each source's caveats."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from gcm.formatting import number
from gcm.page import page_context
from gcm.queries.rating import load_rating_config
from gcm.queries.reference import load_indicator_objective_pairs
from gcm.safe import escape_markdown
from gcm.rating import SCORE_CLASSES, TRENDS, number_text, rating_label, trend_arrow, trend_label

ctx = page_context([])
lang, loc, t = ctx.lang, ctx.locale, ctx.t  # loc: how numbers are written
config = load_rating_config()
catalogue = ctx.indicators.set_index("indicator_code")
known = [c for c in config.bounds if c in catalogue.index]

st.title(t("meth_title"))
st.caption(t("meth_version", version=config.version, computed=config.bounds_rule.get("computed_on", "–")))

# --- Scores --------------------------------------------------------------------------------
st.header(t("meth_score_header"))
st.markdown(t("meth_score_text"))
st.latex(r"s = 100 \times \frac{x - L}{O - L}, \qquad 0 \le s \le 100")
st.markdown(t("meth_which_rated"))


direction = {d: t(f"meth_direction_{d}") for d in ("higher_is_better", "lower_is_better", "neutral")}
bounds = pd.DataFrame({
    t("meth_col_objective"): [int(catalogue.loc[c, "objective_id"]) for c in known],
    t("meth_col_indicator"): [catalogue.loc[c, f"name_{lang}"] for c in known],
    t("meth_col_unit"): [catalogue.loc[c, "unit"] for c in known],
    t("meth_col_direction"): [direction.get(catalogue.loc[c, "direction"], catalogue.loc[c, "direction"]) for c in known],
    t("meth_col_lower"): [number_text(config.bounds[c].lower, loc) for c in known],
    t("meth_col_optimum"): [number_text(config.bounds[c].optimum, loc) for c in known],
    t("meth_col_rule"): [t(f"meth_rule_{config.bounds[c].rule}") for c in known],
    t("meth_col_min_events"): [number(config.bounds[c].min_events, loc) if config.bounds[c].min_events else "–"
                               for c in known],
    t("meth_col_trended"): [t("scorecard_met_yes" if config.bounds[c].trend else "scorecard_met_no") for c in known],
    t("meth_col_note"): [t(config.bounds[c].note) if config.bounds[c].note else "" for c in known],
})
st.subheader(t("meth_bounds_header"))
st.table(bounds, hide_index=True)
rule = config.bounds_rule
st.caption(t("meth_bounds_rule", best_n=rule.get("best_n", "–"), pct=number(rule.get("worst_percentile"), loc),
             from_year=rule.get("from_year", "–"), computed=rule.get("computed_on", "–")))
minimums = sorted({b.min_events for b in config.bounds.values() if b.min_events})
if minimums:
    st.markdown(t("meth_min_events_text", min_events="/".join(number(m, loc) for m in minimums)))
st.markdown(t("meth_censored_pinned") if config.rate_pinned_censored else t("meth_censored_skip"))

# --- Commitments ---------------------------------------------------------------------------
pairs = load_indicator_objective_pairs()
serves = pairs.groupby("indicator_code")["objective_id"].agg(lambda o: ", ".join(str(int(x)) for x in sorted(o)))
promised = [c for c in config.commitments if c in catalogue.index]
st.header(t("meth_commitments_header"))
st.markdown(t("meth_commitments_text"))
st.table(pd.DataFrame({
    t("meth_col_objectives"): [serves.get(c, "") for c in promised],
    t("meth_col_indicator"): [catalogue.loc[c, f"name_{lang}"] for c in promised],
    t("meth_col_met_at"): [number(config.commitments[c].met_at, loc) for c in promised],
    t("meth_col_years"): [f"{catalogue.loc[c, 'first_year']}–{catalogue.loc[c, 'last_year']}" for c in promised],
}), hide_index=True)

# --- Classes -------------------------------------------------------------------------------
st.header(t("meth_classes_header"))
edges = [config.class_edges[c] for c in SCORE_CLASSES]
tops = [100] + [e - 1 for e in edges[:-1]]
st.table(pd.DataFrame({
    t("meth_col_class"): [rating_label(c, lang) for c in SCORE_CLASSES],
    t("meth_col_range"): [f"{number(lo, loc)}–{number(hi, loc)}" for lo, hi in zip(edges, tops)],
}), hide_index=True)
st.markdown(t("meth_classes_text", step=config.rank_step))

# --- Trends --------------------------------------------------------------------------------
st.header(t("meth_trend_header"))
st.markdown(t("meth_trend_text", baseline=config.baseline_year, first=config.baseline_year - config.baseline_window,
              points=config.min_trend_points))
rules = {
    "on_track": t("meth_trend_rule_on_track", pace=number(config.trend_on_track, loc, 1),
                  score=number(config.maintained_score, loc)),
    "moderate": t("meth_trend_rule_moderate", low=number(config.trend_moderate, loc, 1),
                  high=number(config.trend_on_track, loc, 1)),
    "stagnating": t("meth_trend_rule_stagnating", low=number(config.trend_deteriorating, loc, 1),
                    high=number(config.trend_moderate, loc, 1)),
    "deteriorating": t("meth_trend_rule_deteriorating", pace=number(config.trend_deteriorating, loc, 1)),
}
st.table(pd.DataFrame({
    t("meth_col_arrow"): [trend_arrow(x) for x in TRENDS],
    t("meth_col_trend"): [trend_label(x, lang) for x in TRENDS],
    t("meth_col_trend_rule"): [rules[x] for x in TRENDS],
}), hide_index=True)

# --- Objectives: coverage and what is not rated ---------------------------------------------
st.header(t("meth_coverage_header"))
st.markdown(t("meth_coverage_text", share=number(100 * config.coverage_min_share, loc), n=config.coverage_min_indicators,
              year=config.min_latest_year))
st.markdown(t("meth_partial_skip") if not config.use_partial_years else t("meth_partial_use"))
# What each focus objective rests on: its outcome indicators and its commitments, or neither.
by_objective = pairs.groupby("objective_id")["indicator_code"].agg(list)


def names_of(objective: int, codes) -> str:
    return "; ".join(catalogue.loc[c, f"name_{lang}"] for c in by_objective.get(objective, []) if c in codes)


focus = ctx.objectives.loc[ctx.objectives["focus"], "objective_id"].astype(int).tolist()
st.subheader(t("meth_unrated_header"))
st.table(pd.DataFrame({
    t("meth_col_objective"): [f"{o}. {ctx.objective_name(o)}" for o in focus],
    t("meth_col_outcomes"): [names_of(o, known) or ("–" if names_of(o, promised) else t("meth_neither")) for o in focus],
    t("meth_col_commitments"): [names_of(o, promised) or "–" for o in focus],
}), hide_index=True)
neither = [o for o in ctx.objectives["objective_id"].astype(int) if not names_of(o, known) and not names_of(o, promised)]
st.caption(t("meth_unrated_all", objectives=", ".join(str(o) for o in neither)))
excluded = [c for c in config.context_only if c in catalogue.index]
if excluded:
    st.subheader(t("meth_context_header"))
    st.table(pd.DataFrame({
        t("meth_col_objective"): [int(catalogue.loc[c, "objective_id"]) for c in excluded],
        t("meth_col_indicator"): [catalogue.loc[c, f"name_{lang}"] for c in excluded],
        t("meth_col_reason"): [t(config.context_only[c]) for c in excluded],
    }), hide_index=True)

# --- Every source's definitions and caveats -------------------------------------------------
st.header(t("meth_sources_header"))
st.caption(t("meth_sources_text"))
for source, group in ctx.indicators.groupby("source", sort=True):
    with st.expander(escape_markdown(source)):
        # st.table renders Markdown in cells, so catalogue text is escaped to show as written.
        st.table(pd.DataFrame({
            t("meth_col_indicator"): group[f"name_{lang}"].map(escape_markdown),
            t("meth_col_years"): [f"{a}–{b}" for a, b in zip(group["first_year"], group["last_year"])],
            t("meth_col_definition"): group["definition"].fillna("").map(escape_markdown),
            t("meth_col_caveats"): group["caveats"].fillna("").map(escape_markdown),
            t("meth_col_licence"): group["licence"].fillna("").map(escape_markdown),
        }), hide_index=True)
