"""The regional scorecard's view models: headline figures, the countries x objectives grid, one cell in detail.

`scorecard_model` builds what the page shows above the detail for one selection; `cell_model` builds
the detail of one country and objective. Both are pure (no Streamlit call): the page caches them,
keyed on their arguments, the first of which identifies the data they are built from.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from gcm.describe import describe_scorecard
from gcm.formatting import number
from gcm.i18n import translator
from gcm.models import Link, Metric
from gcm.db import build_key
from gcm.queries.practices import load_practices, practices_version
from gcm.queries.rating import (load_commitments, load_headline_figures, load_indicator_scores,
                                load_peers_rated_better, load_rating_config, load_ratings, rating_file_key)
from gcm.queries.geo import load_mmp_regional
from gcm.queries.reference import (country_names, load_countries, load_indicator_objective_pairs, load_indicators,
                                   load_objectives)
from gcm.rating import (STATUSES, commitments_sentence, number_text, rating_label, scorecard_figure, short_sources,
                        shown_score, trend_arrow, trend_label, value_label)


@dataclass(frozen=True)
class Message:
    """A line the page shows in a box of its kind: 'info', 'success', 'warning' or 'caption'."""

    kind: str
    text: str


BLOCKS = ("central_america", "caribbean", "south_america", "northern_america")  # northern_america last
REGION = "ALL"  # the detail's choice for the whole region instead of one country


@dataclass(frozen=True)
class GridBlock:
    """Part of the scorecard grid: a subregion's rows under their own column headings."""

    label: str
    figure: go.Figure
    description: str  # the block's own cells in words: its text alternative, shown under it


def block_label(subregion_code: str, lang: str) -> str:
    """A block's heading: the subregion's name; the United States and Canada as destination countries."""
    if subregion_code == "northern_america":
        return translator(lang)("scorecard_block_destinations")
    regions = load_countries().drop_duplicates("subregion_code").set_index("subregion_code")
    return str(regions.loc[subregion_code, f"subregion_{lang}"])


@dataclass(frozen=True)
class ScorecardModel:
    """The scorecard above the detail for one selection: headlines, grid, its description and download."""

    title: str
    intro: str
    headlines: tuple[Metric, ...]
    headline_rows: tuple[tuple[Metric, ...], ...]  # as laid out: deaths (with IOM's own total) above the rest
    objectives: list[int]  # the grid's columns: the focus objectives, plus the one chosen in the filter
    objective_names: dict[int, str]
    country_names: dict[str, str]
    order: list[str]  # the grid's rows: the selected countries by name in the page's language
    grid: pd.DataFrame  # one rating per row and column, in the order the grid shows them
    blocks: tuple[GridBlock, ...]  # the grid drawn block by block (subregions), each with its headings
    description: str
    table: pd.DataFrame  # the grid as a table, cell by cell: the charts' table alternative
    download: pd.DataFrame
    download_headers: dict[str, str]
    first_objective: int  # the objective the detail opens on: the first shown with a rated indicator


@dataclass(frozen=True)
class CellModel:
    """One country and objective in detail: rating, indicators, practices and better-rated peers."""

    heading: str
    context_only: bool  # no outcome indicator: the page says so instead of an outcome rating
    metrics: tuple[Metric, ...]  # outcome rating, coverage, rank, commitments met
    trend: str | None  # the trend line (Markdown), where the cell has a score
    single: str | None  # says that the outcome rating rests on a single indicator
    warning: str | None  # too few indicators with data to rate
    table: pd.DataFrame | None  # the outcome indicators, one row of formatted text each
    table_note: str
    commitments: pd.DataFrame | None  # the objective's commitments for the country, one row each
    commitments_note: str  # 'Commitments: meets 2 of the 3 with data, as of 2014–2023' or why none
    context_indicators: str | None  # the objective's indicators that inform but are not rated
    objective_link: Link
    country_link: Link
    practices_header: str
    practices: pd.DataFrame | None  # the country's own published practices for the objective
    who: Message  # "who solved this?": why there are no peers, or which peers are listed
    peers: pd.DataFrame | None  # peers rated better on the objective
    peer_practices: pd.DataFrame | None  # their practices, each with the peer it belongs to
    region_practices: Link | None  # the objective's practices across the region, where no peer has one


def slope_text(slope: float, lang: str) -> str:
    """' (+1.7 points/year)' after a trend, or nothing where there is no trend (`lang` may carry a region)."""
    if pd.isna(slope):
        return ""
    return " " + translator(lang)("scorecard_slope", slope=("+" if slope > 0 else "") + number(slope, lang, 1))


def headline_metrics(countries: tuple[str, ...], years: tuple[int, int], lang: str) -> tuple[Metric, ...]:
    """Dead and missing, trafficking victims, ICMW parties and GCM supporters among the countries in the years
    (`lang` may carry the reader's region, 'es-MX', for the numbers)."""
    t = translator(lang)
    heads = load_headline_figures(countries, years)

    def year_span(h: dict) -> str:
        """'2014–2021' (or one year) for the years a figure really covers; a note where it has none."""
        if h.get("first_year") is None:
            return t("scorecard_no_data_years", start=years[0], end=years[1])
        return f"{h['first_year']}–{h['last_year']}" if h["first_year"] != h["last_year"] else str(h["first_year"])

    dm, vic, icmw, gcm = heads["dead_missing"], heads["victims"], heads["icmw"], heads["gcm"]
    dead_note = t("scorecard_head_dead_note", years=year_span(dm))
    if dm["partial_year"]:
        dead_note += " " + t("scorecard_partial_year", year=dm["partial_year"], months=dm["partial_months"])
    # The figure most likely to be misread: most of it happens on the US side of the US-Mexico border,
    # and IOM publishes its own total for the Americas that differs from the sum of countries.
    if dm.get("usa") and dm["value"]:
        dead_note += " " + t("scorecard_head_dead_usa", n=number(dm["usa"], lang),
                             share=number(100 * dm["usa"] / dm["value"], lang, 0))
    regional = (regional_comparison(dm.get("by_year", {}), years, lang)
                if set(countries) >= set(load_countries()["country_iso3"]) else None)
    victims_note = t("scorecard_head_victims_note", years=year_span(vic))
    if vic["suppressed"]:
        victims_note += " " + t("scorecard_suppressed_counts", n=vic["suppressed"])
    return (
        Metric(t("scorecard_head_dead_usa_label" if dm.get("usa") else "scorecard_head_dead"),
               number(dm["value"], lang), dead_note),
        *([regional] if regional else []),
        Metric(t("scorecard_head_victims"), number(vic["value"], lang), victims_note),
        Metric(t("scorecard_head_icmw"),
               t("scorecard_n_of", n=icmw["value"], total=icmw["of"]) if icmw["value"] is not None else "–",
               t("scorecard_head_icmw_note", year=icmw["year"]) if icmw["year"] else t("scorecard_no_data")),
        Metric(t("scorecard_head_gcm"),
               t("scorecard_n_of", n=gcm["value"], total=gcm["of"]) if gcm["value"] is not None else "–",
               t("scorecard_head_gcm_note", year=gcm["year"]) if gcm["year"] else t("scorecard_head_gcm_before")),
    )


def regional_comparison(ours_by_year: dict[int, float], years: tuple[int, int], lang: str) -> Metric | None:
    """IOM's own total for the Americas, to sit beside the dashboard's sum of countries: over the whole
    years both cover within `years`, with the countries' sum for those years and why they differ."""
    regional = load_mmp_regional()
    # The release with IOM's regional split ends in mid-2023: its last year is partial, so it is left out.
    regional = regional[(regional["year"] < regional["year"].max()) & regional["year"].between(*years)
                        & regional["year"].isin(list(ours_by_year))]
    if regional.empty:
        return None
    t = translator(lang)
    first, last = int(regional["year"].min()), int(regional["year"].max())
    ours = sum(ours_by_year[int(y)] for y in regional["year"])
    return Metric(t("scorecard_head_dead_iom_label"), number(float(regional["dead_and_missing"].sum()), lang),
                  t("scorecard_head_dead_iom", years=f"{first}–{last}" if first != last else str(first),
                    ours=number(ours, lang)))


def ratings_version() -> str:
    """The warehouse build and the rating file, which the grid and the region's view are made from:
    the page's cache key (`gcm.cache.view_model(..., version=ratings_version)`)."""
    return f"{build_key()}|{rating_file_key()}"


def cell_version() -> str:
    """Also the published practices, which a cell's "who solved this?" lists."""
    return f"{practices_version()}|{rating_file_key()}"


def scorecard_model(years: tuple[int, int], countries: tuple[str, ...], objective: int | None, lang: str,
                    presenting: bool, locale: str = "") -> ScorecardModel:
    """The scorecard for the countries shown (pass all 35 when none is chosen), years and language; numbers
    written for `locale` ('es-MX'; the bare language when not given)."""
    tr, fmt = translator(lang), locale or lang
    config = load_rating_config()
    objectives = load_objectives()
    names = country_names(lang)
    all_names = dict(zip(objectives["objective_id"].astype(int), objectives[f"short_{lang}"]))
    shown_objectives = objectives.loc[objectives["focus"], "objective_id"].astype(int).tolist()
    if objective and objective not in shown_objectives:
        shown_objectives = sorted(shown_objectives + [objective])
    ratings = load_ratings(years, list(countries))
    heads = headline_metrics(tuple(countries), years, fmt)
    # Rows by subregion, then by name: each block repeats the column headings, so they are never more
    # than a dozen rows away, and the United States and Canada stand apart as destination countries.
    every = load_countries()
    subregion = dict(zip(every["country_iso3"], every["subregion_code"]))
    order = sorted(countries, key=lambda c: (BLOCKS.index(subregion.get(c, BLOCKS[-1])), names.get(c, c)))
    grid = ratings[ratings["objective_id"].isin(shown_objectives)].copy()
    grid["_row"] = grid["country_iso3"].map({c: i for i, c in enumerate(order)})
    grid = grid.sort_values(["_row", "objective_id"]).drop(columns="_row")
    objective_names = {o: str(all_names.get(o, o)) for o in shown_objectives}
    scored = grid[grid["score"].notna()]
    first, last = (int(scored["latest_year"].min()), int(scored["latest_year"].max())) if len(scored) else (0, 0)
    latest = (f"{first}–{last}" if first != last else str(first)) if len(scored) else "–"
    grid_note = (tr("scorecard_grid_note", sources="; ".join(short_sources(config, lang=lang))) + "<br>"
                 + tr("scorecard_grid_years", latest=latest, baseline=config.baseline_year, version=config.version))
    blocks = []
    for code in BLOCKS:
        rows = grid[grid["country_iso3"].map(subregion) == code]
        if rows.empty:
            continue
        first_block = not blocks
        figure = scorecard_figure(rows, names, objective_names, fmt, tr("scorecard_grid_title") if first_block else "",
                                  grid_note if first_block else "", presenting=presenting, legend=first_block)
        label = block_label(code, lang)
        blocks.append(GridBlock(label, figure, f"{label}: {describe_scorecard(rows, objective_names, lang)}"))
    rated = [o for o in shown_objectives if grid.loc[grid["objective_id"] == o, "indicators_total"].max() > 0]
    return ScorecardModel(
        title=tr("scorecard_title"),
        intro=tr("scorecard_intro", start=years[0], end=years[1], baseline=config.baseline_year),
        headlines=heads, headline_rows=(heads[:-3], heads[-3:]),
        objectives=shown_objectives, objective_names=objective_names, country_names=names, order=order, grid=grid,
        blocks=tuple(blocks), description=describe_scorecard(grid, objective_names, fmt),
        table=grid_table(grid, names, objective_names, lang),
        download=grid_download(grid, names, objective_names, lang),
        download_headers={
            "score": tr("scorecard_col_score"), "rating": tr("scorecard_col_rating"),
            "trend": tr("scorecard_col_trend"), "indicators_rated": tr("scorecard_col_rated"),
            "indicators_total": tr("scorecard_col_total"), "latest_year": tr("scorecard_col_latest_year"),
            "rank": tr("scorecard_col_rank"), "rating_version": tr("scorecard_col_version"),
            "single_indicator": tr("scorecard_col_single"), "commitments_met": tr("scorecard_col_commitments_met"),
            "commitments_known": tr("scorecard_col_commitments_known"),
            "commitments_as_of": tr("scorecard_col_commitments_as_of"),
        },
        first_objective=(rated or shown_objectives)[0],
    )


def grid_table(grid: pd.DataFrame, names: dict[str, str], objective_names: dict[int, str],
                lang: str) -> pd.DataFrame:
    """The grid as a reader sees it, one row per cell in the grid's order: what a screen reader or a
    reader who cannot tell the colours apart reads instead of the chart."""
    tr = translator(lang)
    return pd.DataFrame({
        tr("scorecard_col_country"): grid["country_iso3"].map(names).to_numpy(),
        tr("data_col_objective"): [f"{int(o)} · {objective_names.get(o, o)}" for o in grid["objective_id"]],
        tr("scorecard_col_rating"): [rating_label(c, lang) for c in grid["score_class"]],
        tr("scorecard_col_score"): pd.array([shown_score(x) for x in grid["score"]], dtype="Int64"),
        tr("scorecard_col_trend"): [f"{trend_arrow(x)} {trend_label(x, lang)}".strip() if isinstance(x, str) else ""
                                    for x in grid["trend"]],
        tr("scorecard_col_rank"): grid["rank_label"].fillna("").to_numpy(),
    })


def grid_download(grid: pd.DataFrame, names: dict[str, str], objective_names: dict[int, str],
                  lang: str) -> pd.DataFrame:
    """The grid as its CSV: one row per country and objective, with the rating's version, and each row's
    own sources and licences (those of the objective's rated and counted indicators, not all of them)."""
    config = load_rating_config()
    licence_of = load_indicators().set_index("indicator_code")["licence"]
    pairs = load_indicator_objective_pairs()
    used = pairs[pairs["indicator_code"].isin(list(config.bounds) + list(config.commitments))]
    codes = used.groupby("objective_id")["indicator_code"].agg(list).to_dict()
    sources = {o: "; ".join(short_sources(config, c)) for o, c in codes.items()}
    licences = {o: "; ".join(dict.fromkeys(licence_of[x] for x in c if x in licence_of.index and
                                           isinstance(licence_of[x], str))) for o, c in codes.items()}
    return pd.DataFrame({
        "country_iso3": grid["country_iso3"],
        "country": grid["country_iso3"].map(names),
        "objective_id": grid["objective_id"].astype("Int64"),
        "objective": grid["objective_id"].map(objective_names),
        "score": grid["score"],
        "rating": [rating_label(c, lang) for c in grid["score_class"]],
        "trend": [trend_label(tr_, lang) if isinstance(tr_, str) else "" for tr_ in grid["trend"]],
        "indicators_rated": grid["indicators_rated"],
        "indicators_total": grid["indicators_total"],
        "latest_year": grid["latest_year"].astype("Int64"),
        "single_indicator": (grid["indicators_rated"] == 1) & grid["score"].notna(),
        "rank": grid["rank_label"],
        "commitments_met": grid["commitments_met"],
        "commitments_known": grid["commitments_known"],
        "commitments_as_of": grid["commitments_as_of"],
        "rating_version": config.version,
        "source": grid["objective_id"].map(lambda o: sources.get(int(o), "")),
        "licence": grid["objective_id"].map(lambda o: licences.get(int(o), "")),
    })


def indicator_table(years: tuple[int, int], country: str, objective: int, lang: str,
                    locale: str = "") -> pd.DataFrame:
    """The cell's rated indicators as shown under it: a row of formatted text per indicator, numbers written
    for `locale` ('es-MX'; the bare language when not given)."""
    t, fmt = translator(lang), locale or lang
    catalogue = load_indicators().set_index("indicator_code")
    scores = load_indicator_scores(years, [country], objective)
    config = load_rating_config()
    status_text = {s: t(f"rating_status_{s}") for s in STATUSES}
    codes = scores["indicator_code"]
    trended = [config.bounds[c].trend for c in codes]
    return pd.DataFrame({
        t("scorecard_col_indicator"): [catalogue.loc[c, f"name_{lang}"] for c in codes],
        t("scorecard_col_score"): pd.array([shown_score(s) for s in scores["score"]], dtype="Int64"),
        t("scorecard_col_latest"): [value_label(v, f, u, fmt) if s in ("scored", "censored", "too_few") else "–"
                                    for v, f, u, s in zip(scores["latest_value"], scores["latest_flag"],
                                                          scores["latest_upper_bound"], scores["status"])],
        t("scorecard_col_year"): [str(y) if pd.notna(y) else "–" for y in scores["latest_year"]],
        t("scorecard_col_trend"): [("–" if status != "scored" else t("rating_no_trend") if not trend_ok else
                                    f"{trend_arrow(tr)} {trend_label(tr, lang)}".strip() + slope_text(sl, fmt))
                                   for tr, sl, status, trend_ok in zip(scores["trend"], scores["slope"],
                                                                       scores["status"], trended)],
        t("scorecard_col_baseline"): [f"{value_label(v, f, u, fmt)} ({int(y)})" if pd.notna(y) else "–"
                                      for v, f, u, y in zip(scores["baseline_value"], scores["baseline_flag"],
                                                            scores["baseline_upper_bound"], scores["baseline_year"])],
        t("scorecard_col_bounds"): [f"{number_text(lo, fmt)} → {number_text(op, fmt)}"
                                    for lo, op in zip(scores["lower"], scores["optimum"])],
        t("scorecard_col_unit"): [catalogue.loc[c, f"unit_{lang}"] for c in codes],
        t("scorecard_col_status"): scores["status"].map(status_text),
    })


def practice_table(df: pd.DataFrame, lang: str, peers: list[str] | None = None) -> pd.DataFrame:
    """Published practices as a table; titles are shown as plain text, countries by name (any country).

    With `peers`, a first column names the peers each practice belongs to (a practice joined by several
    countries can belong to more than one)."""
    # The practices' countries go beyond the dashboard's 35: their names come with the practice form's list.
    from practices.record import country_options

    t = translator(lang)
    world = dict(country_options(lang)) | country_names(lang)
    table = {}
    if peers is not None:
        table[t("scorecard_col_peer")] = [", ".join(world.get(c, c) for c in peers if c in cs) for cs in df["countries"]]
    table |= {
        t("scorecard_col_practice"): df["title"],
        t("scorecard_col_countries"): [", ".join(world.get(c, c) for c in cs) for cs in df["countries"]],
        t("scorecard_col_start"): df["year_start"],
        t("scorecard_col_actors"): df["actors"],
    }
    return pd.DataFrame(table)


def commitment_table(years: tuple[int, int], country: str, objective: int, lang: str) -> pd.DataFrame | None:
    """The objective's commitments for the country: instrument, met or not (or no data), and as of when."""
    t = translator(lang)
    rows = load_commitments(years, [country], objective)
    if rows.empty:
        return None
    names = load_indicators().set_index("indicator_code")[f"name_{lang}"]
    met = {True: t("scorecard_met_yes"), False: t("scorecard_met_no")}
    return pd.DataFrame({
        t("scorecard_col_instrument"): [names.get(c, c) for c in rows["indicator_code"]],
        t("scorecard_col_met"): [t("scorecard_met_unknown") if pd.isna(m) else met[bool(m)] for m in rows["met"]],
        t("scorecard_col_as_of"): [str(y) if pd.notna(y) else "–" for y in rows["year"]],
    })


def cell_model(years: tuple[int, int], country: str, objective: int, lang: str, locale: str = "") -> CellModel:
    """One cell of the grid in detail, for the current build, rating file and published practices."""
    t = translator(lang)
    config = load_rating_config()
    names = country_names(lang)
    objectives = load_objectives()
    short_names = dict(zip(objectives["objective_id"].astype(int), objectives[f"short_{lang}"]))
    objective_name = str(short_names.get(objective, objective))
    country_name = names.get(country, country)
    ratings = load_ratings(years, [country])
    cell = ratings[ratings["objective_id"] == objective].iloc[0]
    context_only = cell["score_class"] == "context"
    scored = pd.notna(cell["score"])
    metrics = (
        Metric(t("scorecard_metric_rating"),
               f"{shown_score(cell['score'])} · {rating_label(cell['score_class'], lang)}" if scored else "–"),
        Metric(t("scorecard_metric_coverage"),
               t("scorecard_n_of", n=int(cell["indicators_rated"]), total=int(cell["indicators_total"]))),
        Metric(t("scorecard_metric_rank"), t("scorecard_n_of", n=cell["rank_label"], total=int(cell["n_ranked"]))
               if cell["rank_label"] else "–"),
        Metric(t("scorecard_metric_commitments"),
               t("scorecard_n_of", n=int(cell["commitments_met"]), total=int(cell["commitments_known"]))
               if cell["commitments_known"] else "–"),
    )
    trend = (f"#### {t('scorecard_metric_trend')}: {trend_arrow(cell['trend'])} "
             f"{trend_label(cell['trend'], lang)}{slope_text(cell['slope'], locale or lang)}") if scored else None
    warning = (t("scorecard_too_little", rated=int(cell["indicators_rated"]), total=int(cell["indicators_total"]))
               if cell["score_class"] == "insufficient" else None)

    indicators = load_indicators()
    rated_codes = list(config.bounds) + list(config.commitments)
    context = indicators[(indicators["objective_id"] == objective) & ~indicators["indicator_code"].isin(rated_codes)]

    own = load_practices(objective, [country], lang)
    better, widened = load_peers_rated_better(years, country, objective)
    region = Link(t("scorecard_link_practices", objective=objective), {"objective": str(objective), "lang": lang})
    peers = peer_practices = None
    if not scored and context_only:
        who = Message("info", t("scorecard_who_context", objective=objective))
    elif better.empty:
        who = Message("success", t("scorecard_who_none", country=country_name, objective=objective))
    else:
        who = Message("caption", t("scorecard_who_widened" if widened else "scorecard_who_peers", country=country_name))
        peers = pd.DataFrame({
            t("scorecard_col_country"): better["country_iso3"].map(lambda c: names.get(c, c)),
            t("scorecard_col_score"): better["shown"],
            t("scorecard_col_rating"): better["score_class"].map(lambda s: rating_label(s, lang)),
            t("scorecard_col_trend"): [f"{trend_arrow(tr)} {trend_label(tr, lang)}".strip() for tr in better["trend"]],
            t("scorecard_col_rank"): better["rank_label"],
        })
        theirs = load_practices(objective, better["country_iso3"].tolist(), lang)
        peer_practices = None if theirs.empty else practice_table(theirs, lang, better["country_iso3"].tolist())
        if peer_practices is None:
            who = Message("caption", who.text + " " + t("scorecard_who_no_practices", objective=objective))

    return CellModel(
        heading=f"{country_name} · {objective}. {objective_name}",
        context_only=context_only, metrics=metrics, trend=trend, warning=warning,
        single=t("scorecard_metric_single") if scored and int(cell["indicators_rated"]) == 1 else None,
        table=None if context_only else indicator_table(years, country, objective, lang, locale),
        table_note=t("scorecard_detail_note", baseline=config.baseline_year,
                     start=max(years[0], config.min_latest_year), end=years[1]),
        commitments=commitment_table(years, country, objective, lang),
        commitments_note=commitments_sentence(cell, lang),
        context_indicators=t("scorecard_context_indicators", names="; ".join(context[f"name_{lang}"]))
        if len(context) else None,
        objective_link=Link(t("scorecard_link_objective", objective=objective, country=country_name),
                            {"objective": str(objective), "countries": country, "lang": lang}),
        country_link=Link(t("scorecard_link_country", country=country_name), {"country": country, "lang": lang}),
        practices_header=t("scorecard_practices_header", country=country_name),
        practices=None if own.empty else practice_table(own, lang),
        who=who, peers=peers, peer_practices=peer_practices,
        region_practices=region if peer_practices is None else None,
    )


@dataclass(frozen=True)
class RegionModel:
    """One objective across the region, the detail shown before a country is chosen."""

    heading: str
    note: str  # how many countries have an outcome rating and how many meet every commitment with data
    table: pd.DataFrame  # one row per country, best outcome first, then the unrated by name
    objective_link: Link


def region_model(years: tuple[int, int], objective: int, lang: str) -> RegionModel:
    """Every country's outcome rating and commitments on one objective."""
    t = translator(lang)
    names = country_names(lang)
    objectives = load_objectives()
    name = dict(zip(objectives["objective_id"].astype(int), objectives[f"short_{lang}"])).get(objective, objective)
    rows = load_ratings(years)
    rows = rows[rows["objective_id"] == objective].assign(name=lambda d: d["country_iso3"].map(names))
    rows = rows.sort_values(["rank", "name"], na_position="last")
    table = pd.DataFrame({
        t("scorecard_col_country"): rows["name"],
        t("scorecard_col_score"): pd.array([shown_score(s) for s in rows["score"]], dtype="Int64"),
        t("scorecard_col_rating"): [rating_label(c, lang) for c in rows["score_class"]],
        t("scorecard_col_trend"): [f"{trend_arrow(x)} {trend_label(x, lang)}".strip() if pd.notna(s) else "–"
                                   for x, s in zip(rows["trend"], rows["score"])],
        t("scorecard_col_rank"): rows["rank_label"],
        t("scorecard_metric_commitments"): [t("scorecard_n_of", n=int(m), total=int(k)) if k else "–"
                                            for m, k in zip(rows["commitments_met"], rows["commitments_known"])],
        t("scorecard_col_as_of"): rows["commitments_as_of"].replace("", "–"),
    })
    known = rows[rows["commitments_known"] > 0]
    return RegionModel(
        heading=t("scorecard_region_heading", objective=objective, name=name),
        note=t("scorecard_region_note", rated=int(rows["score"].notna().sum()), total=len(rows),
               all_met=int((known["commitments_met"] == known["commitments_known"]).sum()), known=len(known)),
        table=table.reset_index(drop=True),
        objective_link=Link(t("scorecard_link_objective_region", objective=objective),
                            {"objective": str(objective), "lang": lang}),
    )
