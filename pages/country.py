"""Country profile: one country's context figures, then every GCM objective with its data, rating and practices."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import plotly.graph_objects as go
import streamlit as st

from gcm.charts import PALETTE, REFERENCE_COLOUR, source_note, trend_figure, wrap
from gcm.describe import chart_config, describe_trend, image_name
from gcm.downloads import download_button
from gcm.export import tidy_values
from gcm.formatting import number, value_text, year_text
from gcm.page import page_context
from gcm.i18n import t, translator
from gcm.memo import arrow, frozen
from gcm.queries.indicators import load_country_values
from gcm.queries.practices import load_country_practices, practices_version
from gcm.queries.reference import load_indicators, load_objectives
from gcm.safe import escape_markdown
from gcm.search import ROLES, status_class
from gcm.stats import usable

# Who lives in the country, who left, who it shelters and what money comes home: the context a
# reader needs before the objectives.
HEADLINE = ("wdi_population", "desa_migrant_stock", "desa_emigrant_stock", "unhcr_displaced_hosted",
            "wdi_remittances_pct_gdp")
COMPARE_MAX = 6  # the Compare page shows at most six countries or groups


def indicator_figure(rows: pd.DataFrame, iso3: str, title: str, unit: str, note: str, years: tuple[int, int],
                     labels: dict[str, str], lang: str, presenting: bool = False) -> go.Figure:
    """One indicator's line over the chosen years: gaps stay gaps, partial years and censored counts are marked."""
    partial = rows["months_covered"].notna() & (rows["months_covered"] < 12)
    complete = rows[rows["value"].notna() & ~partial]
    frame = pd.DataFrame({"year": range(years[0], years[1] + 1)}).merge(
        complete[["year", "value"]], on="year", how="left").assign(country_iso3=iso3)
    extra = []
    part = rows[partial & rows["value"].notna()]
    if len(part):
        extra.append(go.Scatter(
            x=part["year"], y=part["value"], mode="markers", name=labels["partial"],
            marker=dict(symbol="circle-open", size=13, color=PALETTE[0], line=dict(width=2)),
            customdata=part["months_covered"], hovertemplate="%{x}: %{y:,.4~g} (%{customdata}/12)<extra></extra>",
        ))
    censored = rows[(rows["value_flag"] == "suppressed") & rows["upper_bound"].notna()]
    if len(censored):
        extra.append(go.Scatter(
            x=censored["year"], y=censored["upper_bound"], mode="markers", name=labels["censored"],
            marker=dict(symbol="triangle-down-open", size=13, color=REFERENCE_COLOUR, line=dict(width=2)),
            hovertemplate="%{x}: < %{y:,.4~g}<extra></extra>",
        ))
    # One country: the title names it, so a legend is needed only for the partial and censored marks.
    # Counts and shares read from zero, next to the "below 5" marks.
    layout = {"height": 420, "showlegend": bool(extra), "margin": {"t": 100},
              "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
              "xaxis": {"dtick": 1 if years[1] - years[0] < 12 else None}}
    if (rows["value"].dropna() >= 0).all():
        layout["yaxis"] = {"rangemode": "tozero"}
    # trend_figure's own builder, not its shared result (gcm.memo): this figure has its own marks and
    # layout, laid out in one go (a later update_layout costs several times a constructor's work).
    return trend_figure.__wrapped__(frame, title, unit, note, names={iso3: labels["country"]},
                                    colours={iso3: PALETTE[0]}, lang=lang, presenting=presenting, extra=extra,
                                    layout_update=layout)


@st.cache_resource(max_entries=512, show_spinner=False)
def cached_indicator_figure(build: str, iso3: str, code: str, years: tuple[int, int], title: str, unit: str,
                            note: str, labels: tuple[tuple[str, str], ...], lang: str, presenting: bool) -> go.Figure:
    """indicator_figure, kept per country, indicator, years and language: Plotly figures are slow to
    build, and a profile page draws one per objective on every rerun. A resource cache hands back the
    same object (a data cache would unpickle, and so re-validate, the figure every time); it is
    never changed after it is built. Keyed on scalars only (the build among them, so a rebuild shows),
    so the lookup hashes no data frame."""
    rows = load_country_values(iso3)
    rows = rows[(rows["indicator_code"] == code) & rows["year"].between(years[0], years[1])]
    return frozen(indicator_figure(rows, iso3, title, unit, note, years, dict(labels), lang, presenting))


@dataclass(frozen=True)
class Section:
    """One objective's part of the profile, ready to show: built once per country, years and language."""

    objective: int
    heading: str
    rating_text: str | None
    table: pa.Table | None  # indicators: latest, year, earliest, years with data, unit
    sources: str
    chartable: list[str]  # indicators with two or more years of values (not yes/no policies)
    outcomes: list[str]
    practices: pa.Table | None


@dataclass(frozen=True)
class Profile:
    """What the profile shows for one country, years and language, shared by every session."""

    version: str  # the warehouse build and the published practices it was made from
    names: dict[str, str]
    by_code: dict[str, pd.DataFrame]
    latest_by_code: pd.DataFrame
    sections: list[Section]
    without: list[int]
    table_columns: dict[str, str]


def profile_model(iso3: str, years: tuple[int, int], lang: str) -> Profile:
    """The profile's tables and texts for the current warehouse build and published practices."""
    return _profile_model(practices_version(), iso3, years, lang, rating_lines(iso3, years, lang))


def rating_lines(iso3: str, years: tuple[int, int], lang: str) -> tuple[tuple[int, str], ...]:
    """(objective, the line saying its rating and coverage) for each objective rated for the country."""
    try:
        from gcm.queries.rating import load_ratings
        from gcm.rating import rating_label, shown_score, trend_label
    except ImportError:  # the profile works without the rating module
        return ()
    ratings = load_ratings(years)
    lines = []
    for r in ratings[ratings["country_iso3"] == iso3].itertuples():
        if r.score_class == "context":
            continue
        coverage = t("country_rating_coverage", lang, rated=int(r.indicators_rated), total=int(r.indicators_total))
        if pd.notna(r.score):
            line = t("country_rating", lang, score=shown_score(r.score), cls=rating_label(r.score_class, lang),
                     trend=trend_label(r.trend, lang), coverage=coverage, year=r.latest_year)
        else:
            line = t("country_rating_none", lang, cls=rating_label(r.score_class, lang), coverage=coverage)
        lines.append((int(r.objective_id), line))
    return tuple(lines)


# Every section's tables were rebuilt on every rerun, the profile being the dearest page to rerun;
# they depend only on the country, the years, the language and the data, so they are kept per those.
@st.cache_resource(max_entries=256, show_spinner=False)
def _profile_model(version: str, iso3: str, years: tuple[int, int], lang: str,
                   ratings: tuple[tuple[int, str], ...]) -> Profile:
    tr = translator(lang)

    indicators = load_indicators()
    catalogue = indicators.assign(unit=indicators[f"unit_{lang}"]).set_index("indicator_code")
    names = dict(zip(catalogue.index, catalogue[f"name_{lang}"].astype(str)))
    units = dict(zip(catalogue.index, catalogue["unit"]))
    sources_of = dict(zip(catalogue.index, catalogue["source"].astype(str)))
    kinds = dict(zip(catalogue.index, catalogue["kind"]))
    objectives = load_objectives()
    objective_names = dict(zip(objectives["objective_id"].astype(int), objectives[f"short_{lang}"]))

    values = load_country_values(iso3)
    in_range = values[values["year"].between(years[0], years[1])]
    by_code = {code: rows for code, rows in in_range.groupby("indicator_code", sort=False)}
    by_objective = {int(obj): rows for obj, rows in in_range.groupby("objective_id", sort=False)}
    known_rows = usable(in_range)
    latest_by_code = known_rows.loc[known_rows.groupby("indicator_code")["year"].idxmax()].set_index("indicator_code")
    first_by_code = known_rows.loc[known_rows.groupby("indicator_code")["year"].idxmin()].set_index("indicator_code")
    years_by_code = known_rows.groupby("indicator_code")["year"].nunique()
    latest = {code: row for code, row in latest_by_code.iterrows()}
    first = {code: row for code, row in first_by_code.iterrows()}

    rating_texts = dict(ratings)
    practices = load_country_practices(iso3)
    practices_by_objective: dict[int, list[int]] = {}
    for i, objs in enumerate(practices["objectives"]):
        for o in objs:
            practices_by_objective.setdefault(int(o), []).append(i)
    n_years = years[1] - years[0] + 1
    order = list(catalogue.index)
    sections, without = [], []
    for obj in objectives["objective_id"].astype(int):
        obj_values = by_objective.get(obj)
        obj_practices = practices.iloc[practices_by_objective.get(obj, [])]
        rating_text = rating_texts.get(obj)
        if obj_values is None and obj_practices.empty and rating_text is None:
            without.append(obj)
            continue
        present = set() if obj_values is None else set(obj_values["indicator_code"].tolist())
        codes = [c for c in order if c in present]
        table = None
        if codes:
            rows = []
            for code in codes:
                last, early = latest.get(code), first.get(code)
                rows.append({
                    "indicator": names[code],
                    "latest": "–" if last is None else value_text(last["value"], last["value_flag"],
                                                                  last["upper_bound"], lang),
                    "year": "–" if last is None else year_text(last["year"], last["months_covered"], lang),
                    "earliest": "–" if early is None or early["year"] == last["year"] else
                    tr("country_value_in", value=value_text(early["value"], early["value_flag"],
                                                            early["upper_bound"], lang), year=int(early["year"])),
                    "years": tr("country_years_of", n=int(years_by_code.get(code, 0)), total=n_years),
                    "unit": units[code],
                })
            table = arrow(pd.DataFrame(rows))
        chartable = [c for c in codes if kinds[c] != "policy" and by_code[c]["value"].notna().sum() >= 2]
        practice_table = None
        if not obj_practices.empty:
            practice_table = arrow(pd.DataFrame({
                "title": obj_practices["title"],
                "year": ["–" if pd.isna(y) else str(int(y)) for y in obj_practices["year_start"]],
                "role": [", ".join(tr(f"practices_role_{r}") if r in ROLES else str(r) for r in rs)
                         for rs in obj_practices["roles"]],
                "status": [tr(f"practices_status_{status_class(s)}") for s in obj_practices["practice_status"]],
                "link": [f"practices?practice={p}&lang={lang}" for p in obj_practices["practice_id"]],
            }))
        sections.append(Section(
            objective=obj, heading=f"{obj} · {objective_names.get(obj, obj)}", rating_text=rating_text,
            table=table, sources="; ".join(dict.fromkeys(sources_of[c] for c in codes)), chartable=chartable,
            outcomes=[c for c in chartable if kinds[c] == "outcome"], practices=practice_table,
        ))
    table_columns = {
        "indicator": tr("country_col_indicator"), "latest": tr("country_col_latest"), "year": tr("country_col_year"),
        "earliest": tr("country_col_earliest"), "years": tr("country_col_years"), "unit": tr("country_col_unit"),
    }
    return Profile(version, names, by_code, latest_by_code, sections, without, table_columns)


ctx = page_context(["country", "years"])
iso3 = ctx.filters.country
years = ctx.filters.years
country = ctx.country_name(iso3)
st.title(ctx.t("country_title", country=country))
st.caption(ctx.t("country_intro", start=years[0], end=years[1]))

values = load_country_values(iso3)
in_range = values[values["year"].between(years[0], years[1])]
catalogue = ctx.indicators.set_index("indicator_code")
model = profile_model(iso3, tuple(years), ctx.lang)
by_code, latest_by_code = model.by_code, model.latest_by_code


def latest_of(code: str) -> pd.Series | None:
    """The most recent usable row of one indicator in the chosen years, or None."""
    return latest_by_code.loc[code] if code in latest_by_code.index else None


def indicator_name(code: str) -> str:
    return model.names.get(code, code)


# --- Headline context figures, and the peer groups as links to Compare ----------------------------
cards = [c for row in (st.columns(3), st.columns(2)) for c in row]
for card, code in zip(cards, HEADLINE):
    last = latest_of(code)
    with card.container(border=True, height="stretch"):
        label, full = ctx.t(f"country_head_{code}"), indicator_name(code)
        if last is None:
            st.metric(label, "–", help=full)
            st.caption(ctx.t("country_no_data_in_years"))
            continue
        unit = str(catalogue.loc[code, "unit"])
        st.metric(label, value_text(last["value"], last["value_flag"], last["upper_bound"], ctx.lang),
                  help=f"{full} ({unit})")
        st.caption(escape_markdown(f"{year_text(last['year'], last['months_covered'], ctx.lang)} · "
                                   f"{source_note(last['source'], None, ctx.t('source_label'))}"))

group_rows = ctx.groups[ctx.groups["members"].map(lambda m: iso3 in list(m)) & (ctx.groups["kind"] != "subregion")]
st.markdown(f"**{ctx.t('country_peer_groups')}**")
if group_rows.empty:
    st.caption(ctx.t("country_no_peer_groups"))
with st.container(horizontal=True, gap="medium"):
    for g in group_rows.itertuples():
        members = list(g.members)
        # A small group opens member by member; a big one as this country against the group's median.
        params = ({"countries": ",".join([iso3] + [m for m in members if m != iso3])}
                  if len(members) <= COMPARE_MAX else {"countries": iso3, "groups": g.group_code})
        st.page_link("pages/compare.py", icon=":material/compare_arrows:", query_params=params | {"lang": ctx.lang},
                     label=ctx.t("country_compare_with", group=getattr(g, f"name_{ctx.lang}"), n=len(members)))

labels = {"country": country, "partial": ctx.t("country_partial_legend"), "censored": ctx.t("country_censored_legend")}
charted = 0
OPEN_TRENDS = 2

# --- One section per objective -------------------------------------------------------------------
for sec in model.sections:
    st.divider()
    st.subheader(sec.heading)
    if sec.rating_text:
        st.markdown(sec.rating_text)
    if sec.table is not None:
        st.dataframe(sec.table, hide_index=True, width="stretch", column_config=model.table_columns)
        # Sources under the table rather than in a column: the table stays readable at laptop width.
        st.caption(escape_markdown(f"{ctx.t('source_label')}: {sec.sources}"))
    else:
        st.caption(ctx.t("country_no_indicators"))

    # A trend needs two years with values; yes/no treaty indicators are read in the table.
    chartable = sec.chartable
    if chartable:
        charted += 1
        # Charts are costly to build: the first objectives show their trend at once, the others
        # build theirs only when the reader opens them (a lazy expander reruns the page on toggle).
        trend_box = st.expander(ctx.t("country_trend_box"), expanded=charted <= OPEN_TRENDS,
                                key=f"cp_exp_{sec.objective}", on_change="rerun", icon=":material/show_chart:")
        if trend_box.open:
            with trend_box:
                key = f"cp_trend_{sec.objective}"
                if st.session_state.get(key) not in chartable:
                    st.session_state[key] = (sec.outcomes or chartable)[0]
                code = st.columns([2, 1])[0].selectbox(ctx.t("country_trend_of"), chartable, key=key,
                                                       format_func=indicator_name)
                known = usable(by_code[code])
                note = source_note(catalogue.loc[code, "source"], (int(known["year"].min()), int(known["year"].max())),
                                   ctx.t("source_label"))
                fig = cached_indicator_figure(model.version, iso3, code, tuple(years),
                                              wrap(f"{indicator_name(code)} · {country}", 70),
                                              str(catalogue.loc[code, "unit"]), note, tuple(sorted(labels.items())),
                                              ctx.lang, ctx.presenting)
                # The line: complete years with a value (partial years and "<5" are marked apart).
                line = known[known["value"].notna() & (known["months_covered"].fillna(12) >= 12)]
                description = describe_trend(line, {iso3: country}, ctx.lang,
                                             str(catalogue.loc[code, "unit"]))
                st.plotly_chart(fig, width="stretch", key=f"cp_chart_{sec.objective}", alt=description,
                                config=chart_config(image_name(iso3, f"objective-{sec.objective}", code, years[0],
                                                               years[1])))
                st.caption(escape_markdown(description))
    elif sec.table is not None:
        st.caption(ctx.t("country_no_trend"))

    st.markdown(f"**{ctx.t('country_practices')}**")
    if sec.practices is None:
        st.caption(ctx.t("country_no_practices"))
    else:
        st.dataframe(sec.practices, hide_index=True, width="stretch", column_config={
            "title": st.column_config.TextColumn(ctx.t("practices_col_title"), width="large"),
            "year": ctx.t("practices_col_year"),
            "role": ctx.t("country_col_role"),
            "status": ctx.t("practices_col_status"),
            "link": st.column_config.LinkColumn(ctx.t("country_col_open"), display_text=ctx.t("country_open_practice")),
        })

# --- Context figures not tied to one objective, then the gaps --------------------------------------
st.divider()
st.subheader(ctx.t("country_other_context"))
other = in_range[in_range["objective_id"].isna() & ~in_range["indicator_code"].isin(HEADLINE)]
other_rows = []
other_codes = set(other["indicator_code"].tolist())
for code in [c for c in catalogue.index if c in other_codes]:
    last = latest_of(code)
    if last is None:
        continue
    other_rows.append({
        "indicator": indicator_name(code),
        "latest": value_text(last["value"], last["value_flag"], last["upper_bound"], ctx.lang),
        "year": year_text(last["year"], last["months_covered"], ctx.lang),
        "unit": catalogue.loc[code, "unit"],
        "source": catalogue.loc[code, "source"],
    })
if other_rows:
    st.dataframe(pd.DataFrame(other_rows), hide_index=True, width="stretch", column_config={
        "indicator": st.column_config.TextColumn(ctx.t("country_col_indicator"), width="large"),
        "latest": ctx.t("country_col_latest"), "year": ctx.t("country_col_year"),
        "unit": ctx.t("country_col_unit"),
        "source": st.column_config.TextColumn(ctx.t("country_col_source"), width="medium"),
    })
else:
    st.caption(ctx.t("country_no_data_in_years"))

if model.without:
    st.markdown(f"**{ctx.t('country_gaps')}**")
    st.caption("; ".join(f"{o} · {ctx.objective_name(o)}" for o in model.without))

# --- Download what the profile is built from -------------------------------------------------------
# The file is made on a click; it has one row per value in the chosen years.
download_button(lambda: tidy_values(in_range, indicators=ctx.indicators, countries=ctx.countries,
                                    objectives=ctx.objectives, lang=ctx.lang),
                ctx.t("country_download", n=number(len(in_range), ctx.lang)),
                f"gcm-{iso3}-{years[0]}-{years[1]}", ctx, key="cp_download")
