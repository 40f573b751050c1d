"""The Data & downloads page's view model: the chosen values as they are downloaded, their coverage and sources.

`data_model` builds what the page shows for some indicators, countries, years and language. It is
pure (no Streamlit call): the page caches it per arguments and warehouse build (gcm.cache.view_model).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from gcm.export import coverage_matrix, localized, sources_table, tidy_values
from gcm.formatting import number
from gcm.i18n import translator
from gcm.models import Metric, arrow
from gcm.queries.indicators import load_values
from gcm.queries.reference import country_names, load_countries, load_indicators, load_objectives


@dataclass(frozen=True)
class DataModel:
    """The table for some indicators, countries and years, as shown and as downloaded, and their coverage."""

    values: pd.DataFrame  # the rows of the warehouse chosen
    download: pd.DataFrame  # `tidy_values`: what the CSV holds, one row per value shown
    shown: pa.Table  # the same with headers in the reader's language
    labels: dict[str, str]  # download column -> its header as shown
    metrics: tuple[Metric, ...]  # rows, countries with data, suppressed values, partial years
    preview_caption: str
    coverage: pd.DataFrame  # years with data: a first column naming the rows, then one column per country or indicator
    coverage_corner: str  # the first column's header
    coverage_columns: list[str]  # the columns of counts
    coverage_by_indicator: bool  # indicators down the rows (there are more of them than countries)
    span: int  # years in the range: a count of `span` is full coverage
    coverage_caption: str
    sources: pd.DataFrame  # source, licence and link of the chosen indicators, headers in the reader's language


def data_model(chosen: tuple[str, ...], countries: tuple[str, ...], years: tuple[int, int], lang: str,
               locale: str = "") -> DataModel:
    """The values of the `chosen` indicators for the countries (all 35 when none is chosen) in the years;
    counts written for `locale` ('es-MX'; the bare language when not given)."""
    tr, fmt = translator(lang), locale or lang
    lo, hi = years
    catalogue = load_indicators().assign(unit=lambda d: d[f"unit_{lang}"])
    all_countries = load_countries()
    focus = list(countries) or all_countries["country_iso3"].tolist()
    values = load_values(list(chosen), list(countries), years)
    table = tidy_values(values, indicators=catalogue, countries=all_countries, objectives=load_objectives(),
                        lang=lang)
    shown = localized(table, lang)

    metrics = (
        Metric(tr("data_metric_rows"), number(len(table), fmt)),
        Metric(tr("data_metric_countries"),
               tr("data_metric_of", n=table["country_iso3"].nunique(), total=len(focus))),
        Metric(tr("data_metric_suppressed"), number(int((values["value_flag"] == "suppressed").sum()), fmt),
               tr("data_metric_suppressed_help")),
        Metric(tr("data_metric_partial"), number(int((table["months_covered"] < 12).sum()), fmt),
               tr("data_metric_partial_help")),
    )

    # Coverage: years with data per country and indicator; the longer list reads best down the rows.
    names = dict(zip(catalogue["indicator_code"], catalogue[f"name_{lang}"]))
    matrix = coverage_matrix(values, list(chosen), focus, country_names=country_names(lang), indicator_names=names)
    by_indicator = len(chosen) > len(focus)
    if by_indicator:
        matrix = matrix.T
    corner = tr("data_col_indicator" if by_indicator else "data_col_country")
    span = hi - lo + 1
    return DataModel(
        values=values, download=table,
        # A table for `st.dataframe` to send as it is: a kept pandas frame is converted on every rerun.
        shown=arrow(shown), labels=dict(zip(table.columns, shown.columns)),
        metrics=metrics, preview_caption=tr("data_preview_caption", rows=number(len(table), fmt), lo=lo, hi=hi),
        coverage=matrix.rename_axis(corner).reset_index(), coverage_corner=corner,
        coverage_columns=list(matrix.columns), coverage_by_indicator=by_indicator, span=span,
        coverage_caption=tr("data_coverage_caption", lo=lo, hi=hi, span=span),
        # The sources as the reader reads them; the download keeps each value's source as published.
        sources=localized(sources_table(catalogue.assign(source=catalogue[f"source_{lang}"],
                                                         licence=catalogue[f"licence_{lang}"]), list(chosen), lang), lang),
    )
