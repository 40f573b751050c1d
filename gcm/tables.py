"""Every page's tables: `show_table` draws st.dataframe (sortable), or in presenter mode a short table as a
static table at the body text's size.

st.dataframe draws on a canvas in the server's theme font, which presenter mode's larger type cannot reach;
st.table is HTML, so its cells take the page's CSS. But st.table reads every cell as Markdown, and tables
hold submitted practice text: `static_table` writes each cell as text (numbers and dates in the reader's
locale by gcm.formatting) and escapes it, so a cell shows exactly what it holds.
"""
from __future__ import annotations

import datetime as dt
import math
import numbers
from typing import Any, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st
from pandas.io.formats.style import Styler

from gcm.formatting import date_column_format, date_text, number
from gcm.i18n import t
from gcm.safe import escape_markdown

# Larger tables stay st.dataframe in presenter mode too: they scroll, sort and fit the page.
STATIC_ROWS = 30
STATIC_COLUMNS = 10
# Columns a static table cannot offer: a link must stay a link (st.dataframe opens it safely).
INTERACTIVE_TYPES = {"link"}
MAX_DECIMALS = 6
MISSING = "–"


def _type_config(config: object) -> dict:
    return (config.get("type_config") or {}) if isinstance(config, Mapping) else {}


def column_label(name: str, config: object) -> str:
    """A column's heading as st.dataframe shows it: the column_config's label, else the column's name."""
    if isinstance(config, str):
        return config
    if isinstance(config, Mapping) and config.get("label"):
        return str(config["label"])
    return str(name)


def _is_date(value: object) -> bool:
    return isinstance(value, (dt.date, pd.Timestamp))


def _decimals(values: list[float]) -> int:
    """The fewest decimals that write every value of a column as the model gave it (at most MAX_DECIMALS)."""
    most = 0
    for v in values:
        text = f"{abs(v):.{MAX_DECIMALS}f}".rstrip("0")
        most = max(most, len(text.split(".")[1]))
    return most


def _cells(values: pd.Series, config: object, locale: str, lang: str) -> tuple[list[str], bool]:
    """One column's cells as text (numbers and dates in the reader's locale, counts as integers), and
    whether they are numbers."""
    kind = _type_config(config).get("type")
    fmt = _type_config(config).get("format")
    present = [v for v in values if not _missing(v)]
    if kind == "checkbox" or (present and all(isinstance(v, (bool, np.bool_)) for v in present)):
        yes, no = t("scorecard_met_yes", lang), t("scorecard_met_no", lang)
        return ["" if _missing(v) else (yes if v else no) for v in values], False
    if present and all(_is_date(v) for v in present):
        return [date_text(v, locale) for v in values], False
    if present and all(isinstance(v, numbers.Real) for v in present):
        floats = [float(v) for v in present]
        whole = all(v == int(v) for v in floats if math.isfinite(v))
        # Years (and anything the page asks to write as plain digits) never get a thousands separator.
        plain = fmt == "%d" or (whole and all(1800 <= v <= 2100 for v in floats))
        if plain:
            return [MISSING if _missing(v) else str(int(round(float(v)))) for v in values], True
        digits = 0 if whole else _decimals(floats)
        return [MISSING if _missing(v) else number(float(v), locale, digits) for v in values], True
    return ["" if _missing(v) else str(v) for v in values], False


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def static_table(frame: pd.DataFrame, column_config: Mapping[str, Any] | None, locale: str, lang: str) -> Styler:
    """`frame` as text for st.table: headed as column_config names the columns (a None config hides one),
    numbers and dates in the reader's `locale` (numbers aligned right), yes/no in `lang`, every cell and
    heading escaped so that st.table's Markdown shows it literally (no links, emphasis, HTML or entities).
    The text is the Styler's `.data`."""
    config = dict(column_config or {})
    columns, right = {}, []
    for name in frame.columns:
        if name in config and config[name] is None:
            continue
        cells, numeric = _cells(frame[name].astype(object), config.get(name), locale, lang)
        label = escape_markdown(column_label(name, config.get(name)))
        columns[label] = [escape_markdown(c) for c in cells]
        if numeric:
            right.append(label)
    text = pd.DataFrame(columns, columns=list(columns))
    # Streamlit aligns a text column left in the cell's own style attribute; only !important overrides it.
    return text.style.set_properties(subset=right, **{"text-align": "right !important"})


def _rows_and_columns(data: object) -> tuple[int, int]:
    if isinstance(data, pa.Table):
        return data.num_rows, data.num_columns
    return data.shape  # type: ignore[attr-defined]


def shows_static(data: object, column_config: Mapping[str, Any] | None, presenting: bool, interactive: bool) -> bool:
    """Whether `show_table` draws a static table: presenting, a short and narrow table, nothing to click."""
    if not presenting or interactive or isinstance(data, Styler):
        return False
    rows, columns = _rows_and_columns(data)
    hidden = sum(1 for c in (column_config or {}).values() if c is None)
    links = any(_type_config(c).get("type") in INTERACTIVE_TYPES for c in (column_config or {}).values())
    return rows <= STATIC_ROWS and columns - hidden <= STATIC_COLUMNS and not links


def with_date_formats(data: object, column_config: Mapping[str, Any] | None, locale: str) -> dict:
    """column_config with the reader's date format on every date column that names none (and on an Arrow
    table's date columns that have no config)."""
    config = dict(column_config or {})
    moment = date_column_format(locale)
    for name, value in config.items():
        type_config = _type_config(value)
        if type_config.get("type") == "date" and not type_config.get("format"):
            config[name] = {**value, "type_config": {**type_config, "format": moment}}
    if isinstance(data, pa.Table):
        for field in data.schema:
            if pa.types.is_date(field.type) and field.name not in config:
                config[field.name] = st.column_config.DateColumn(format=moment)
    return config


def show_table(data: Any, ctx: Any, column_config: Mapping[str, Any] | None = None, **dataframe_args: Any) -> Any:
    """A page's table: st.dataframe (full width, no index, dates in the reader's format), or in presenter
    mode (`ctx.presenting`) a short table with nothing to click as a static table at the body text's size.
    `dataframe_args` go to st.dataframe (height, key, on_select…); a table with `on_select` stays one."""
    if shows_static(data, column_config, ctx.presenting, "on_select" in dataframe_args):
        frame = data.to_pandas() if isinstance(data, pa.Table) else data
        return st.table(static_table(frame, column_config, ctx.locale, ctx.lang), hide_index=True)
    return st.dataframe(data, hide_index=True, width="stretch",
                        column_config=with_date_formats(data, column_config, ctx.locale) or None, **dataframe_args)
