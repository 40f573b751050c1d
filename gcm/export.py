"""Tables people see and download: tidy indicator values, the coverage matrix, sources, and safe CSV bytes.

Everything here is pure (DataFrames and strings in, DataFrames and bytes out); `gcm.downloads`
puts the bytes behind a Streamlit button.

CSV layout. The file is one tidy table: a single header row, then one row per value. The view's
link and the download time are two extra columns at the end, repeated on every row, rather than
a header block above the table: a block of "# comment" lines makes Excel and LibreOffice guess the
columns wrong and breaks `pandas.read_csv`, whereas extra columns open cleanly everywhere, and a
row copied or filtered out of the file still says where it came from and when. They go last so
the data reads first.

Spreadsheet safety (OWASP "CSV injection"). A text cell, header included, that a spreadsheet could
read as a formula gets a leading apostrophe, so it shows as text: one that starts with `=`, `+`,
`-`, `@`, a tab or a carriage return, or their full-width forms (which some spreadsheets fold to
the ASCII ones), also after spaces or invisible format characters (direction overrides, zero-width
marks); and one holding such a start after a `,`, `;`, `|` or tab, because a spreadsheet in another
locale may split the row on that character. Every text cell is also quoted, so a `;` inside it
never splits it. Numbers are written as numbers (a real -1.5 stays -1.5 and sums); only text is
touched, and `restore_text` undoes the change exactly. The Excel download (`to_xlsx_bytes`) writes
every text as a string cell, never a formula.
"""
from __future__ import annotations

import csv
import re
from datetime import datetime, timezone
from typing import Iterable, Mapping, Sequence
from urllib.parse import urlencode

import pandas as pd

from gcm.i18n import catalogue, t

# The export shape of indicator values, in order: keys, then the value and what qualifies it,
# then where it comes from.
VALUE_COLUMNS = [
    "country_iso3", "country", "indicator_code", "indicator", "year", "value", "value_unrounded", "value_note", "unit",
    "months_covered", "objective_id", "objective", "source", "licence", "source_url",
]
META_COLUMNS = ["view_url", "downloaded_at"]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
SEPARATORS = ",;|\t"  # where a spreadsheet in some locale may split a row
# Nothing a reader sees: spaces and the invisible format characters (bidi overrides, zero-width marks).
_IGNORED = "[\\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]*"
_PREFIX = "[" + re.escape("".join(FORMULA_PREFIXES)) + "]"
_DANGEROUS = re.compile(f"^'*{_IGNORED}{_PREFIX}|[{re.escape(SEPARATORS)}]{_IGNORED}{_PREFIX}")
LINE_END = "\r\n"  # RFC 4180, and what Excel writes


def dangerous(text: str) -> bool:
    """Whether a spreadsheet could read `text` (or a piece of it split at a separator) as a formula."""
    return bool(_DANGEROUS.search(text))


def neutralise_text(text: str) -> str:
    """`text` with a leading apostrophe if a spreadsheet could otherwise read it as a formula."""
    return "'" + text if dangerous(text) else text


def restore_text(text: str) -> str:
    """Undo `neutralise_text`: the original text of an exported cell."""
    return text[1:] if text.startswith("'") and dangerous(text[1:]) else text


def column_label(name: str, lang: str) -> str:
    """The header for a column: its `data_col_<name>` string if there is one, else the name itself."""
    key = f"data_col_{name}"
    return t(key, lang) if key in catalogue() else str(name)


def localized(df: pd.DataFrame, lang: str, headers: Mapping[str, str] | None = None) -> pd.DataFrame:
    """`df` with headers in the reader's language (`headers` overrides a column's label)."""
    labels = {c: (headers or {}).get(c) or column_label(c, lang) for c in df.columns}
    return df.rename(columns=labels)


def _utc_text(moment: datetime) -> str:
    # Naive times are taken as UTC; "2026-11-22 16:08:10" is read as a date-time by both spreadsheets.
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _safe_column(col: pd.Series) -> pd.Series:
    """Numbers untouched; every text cell neutralised; missing cells left empty."""
    if pd.api.types.is_numeric_dtype(col.dtype) or pd.api.types.is_bool_dtype(col.dtype):
        return col
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        return col.map(lambda v: "" if pd.isna(v) else _utc_text(v.to_pydatetime()))
    # A list, not Series.map: map would infer a float column and write a count 17 as 17.0.
    return pd.Series([neutralise_text(v) if isinstance(v, str) else v for v in col], index=col.index, dtype=object)


def to_csv_bytes(df: pd.DataFrame, *, view_url: str, downloaded_at: datetime, lang: str,
                 headers: Mapping[str, str] | None = None) -> bytes:
    """`df` as UTF-8 CSV with a byte-order mark, CRLF line ends, translated headers, formula-safe text,
    and the view's link and the download time (UTC) as the last two columns."""
    out = df.reset_index(drop=True).copy()
    out["view_url"] = view_url
    out["downloaded_at"] = _utc_text(downloaded_at)
    labels = localized(out.iloc[:0], lang, headers).columns
    safe = pd.DataFrame({i: _safe_column(out.iloc[:, i]) for i in range(out.shape[1])})
    text = safe.to_csv(index=False, header=[neutralise_text(str(h)) for h in labels], lineterminator=LINE_END,
                       quoting=csv.QUOTE_NONNUMERIC)
    # The BOM is how Excel knows the file is UTF-8 (otherwise "Perú" opens as "PerÃº").
    return ("\ufeff" + text).encode("utf-8")


def view_url(base: str | None, params: Mapping[str, str]) -> str:
    """The link that reopens a view: the page's address plus its URL parameters (commas kept readable)."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")}, safe=",")
    return f"{base or ''}?{query}" if query else (base or "")


def value_note(flag: str | None, upper: float | None, value: float | None, months: int | None,
               lang: str) -> str:
    """A value's caveats in words: '<5 (suppressed in the source)', 'at least 17 (lower bound)', partial year."""
    notes = []
    if flag == "suppressed":
        notes.append(t("data_flag_suppressed", lang, bound=f"{upper:g}") if pd.notna(upper)
                     else t("data_flag_suppressed_nobound", lang))
    elif flag == "lower_bound" and pd.notna(value):
        notes.append(t("data_flag_lower_bound", lang, value=f"{value:g}"))
    if pd.notna(months) and int(months) < 12:
        notes.append(t("data_flag_partial", lang, months=int(months)))
    return "; ".join(notes)


def tidy_values(values: pd.DataFrame, *, indicators: pd.DataFrame, countries: pd.DataFrame,
                objectives: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of `fct_indicator_values` (as `load_values` returns them) in the export shape `VALUE_COLUMNS`.

    Names come in the reader's language; a suppressed value stays empty with a note, never 0.
    """
    cat = indicators.set_index("indicator_code")
    country_names = dict(zip(countries["country_iso3"], countries[f"name_{lang}"]))
    objective_names = dict(zip(objectives["objective_id"], objectives[f"short_{lang}"]))
    codes = values["indicator_code"]
    objective_id = codes.map(cat["objective_id"]).astype("Int64")
    shown, unrounded = export_precision(values["indicator_code"], values["value"].astype(float))
    out = pd.DataFrame({
        "country_iso3": values["country_iso3"].astype(object),
        "country": values["country_iso3"].map(country_names).astype(object),
        "indicator_code": codes.astype(object),
        "indicator": codes.map(cat[f"name_{lang}"]).astype(object),
        "year": values["year"].astype("Int64"),
        "value": shown,
        "value_unrounded": unrounded,
        "value_note": [value_note(f, u, v, m, lang) for f, u, v, m in zip(
            values["value_flag"], values["upper_bound"], values["value"], values["months_covered"])],
        "unit": codes.map(cat["unit"]).astype(object),
        "months_covered": values["months_covered"].astype("Int64"),
        "objective_id": objective_id,
        "objective": objective_id.map(lambda o: objective_names.get(o) if pd.notna(o) else None).astype(object),
        "source": values["source"].astype(object),
        "licence": values["licence"].astype(object),
        "source_url": codes.map(cat["source_url"]).astype(object),
    })
    return out.reset_index(drop=True)


SIGNIFICANT_DIGITS = 4  # a derived rate or share in a download: enough to rank, not false precision


def export_precision(codes: pd.Series, values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(value as exported, the unrounded value): counts (an indicator whose every value is whole) as
    integers; other values to SIGNIFICANT_DIGITS significant digits, with the full value beside them."""
    whole = values.groupby(codes).transform(lambda v: bool(((v.dropna() % 1) == 0).all()))
    shown, full = [], []
    for value, is_count in zip(values, whole):
        if pd.isna(value):
            shown.append(None)
            full.append(None)
        elif is_count:
            shown.append(int(value))
            full.append(None)
        else:
            shown.append(float(f"{value:.{SIGNIFICANT_DIGITS}g}"))
            full.append(float(value))
    return pd.Series(shown, index=values.index, dtype=object), pd.Series(full, index=values.index, dtype=object)


def coverage_matrix(values: pd.DataFrame, indicator_codes: Sequence[str], countries: Iterable[str], *,
                    country_names: Mapping[str, str], indicator_names: Mapping[str, str]) -> pd.DataFrame:
    """Years with data per country (rows, by name) and indicator (columns, in the order chosen); 0 is a gap.

    A suppressed value counts as data: the source reported it, only too small to publish.
    """
    known = values[values["value"].notna() | values["value_flag"].notna()]
    counts = known.groupby(["country_iso3", "indicator_code"])["year"].nunique()
    codes = list(dict.fromkeys(indicator_codes))
    rows = sorted(dict.fromkeys(countries), key=lambda c: country_names.get(c, c))
    grid = counts.unstack("indicator_code").reindex(index=rows, columns=codes).fillna(0).astype(int)
    grid.index = [country_names.get(c, c) for c in grid.index]
    grid.columns = [indicator_names.get(c, c) for c in grid.columns]
    return grid


def coverage_style(years_with_data: int, span: int) -> str:
    """CSS for a coverage cell: orange for a gap, blues (darker = more years) otherwise; colour-blind safe."""
    if years_with_data <= 0:
        return "background-color: #fdd9b5; color: #7c2d12; font-weight: 600"
    share = years_with_data / max(span, 1)
    if share >= 1:
        return "background-color: #1e3a8a; color: #ffffff"
    if share >= 2 / 3:
        return "background-color: #2563eb; color: #ffffff"
    if share >= 1 / 3:
        return "background-color: #93c5fd; color: #0f172a"
    return "background-color: #dbeafe; color: #0f172a"


def sources_table(indicators: pd.DataFrame, indicator_codes: Sequence[str], lang: str) -> pd.DataFrame:
    """Source, licence and link of the chosen indicators, one row per source, naming its indicators."""
    chosen = indicators[indicators["indicator_code"].isin(list(indicator_codes))]
    grouped = chosen.groupby(["source", "licence", "source_url"], dropna=False, sort=True)
    return pd.DataFrame(
        [{"source": s, "licence": lic, "source_url": url, "indicators": "; ".join(grp[f"name_{lang}"])}
         for (s, lic, url), grp in grouped],
        columns=["source", "licence", "source_url", "indicators"],
    )


def _sources_sheet(df: pd.DataFrame, view_url: str, downloaded_at: datetime, lang: str) -> list[tuple[str, str]]:
    """The Excel file's second sheet: the view's link, the download time, then each source and licence once."""
    rows = [(t("data_xlsx_view", lang), view_url), (t("data_xlsx_downloaded", lang), _utc_text(downloaded_at))]
    if {"source", "licence"} <= set(df.columns):
        pairs = df[["source", "licence"]].dropna(how="all").drop_duplicates()
        rows += [(str(s), str(lic)) for s, lic in zip(pairs["source"], pairs["licence"])]
    return rows


def to_xlsx_bytes(df: pd.DataFrame, *, view_url: str, downloaded_at: datetime, lang: str,
                  headers: Mapping[str, str] | None = None) -> bytes:
    """`df` as an Excel workbook: the table (headers in `lang`, numbers as numbers, every text a string
    cell, never a formula), and a sheet with the view's link, the download time and the sources and
    licences of its rows. Excel reads it the same in every locale: no separator to guess."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    book = Workbook(write_only=False)
    data = book.active
    data.title = t("data_xlsx_sheet_data", lang)[:31]
    labels = list(localized(df.iloc[:0], lang, headers).columns)
    data.append([str(h) for h in labels])
    for row in df.itertuples(index=False):
        data.append([_xlsx_value(v) for v in row])
    for cells in data.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # a text that starts with "=" stays text
    sheet = book.create_sheet(t("data_xlsx_sheet_sources", lang)[:31])
    for key, value in _sources_sheet(df, view_url, downloaded_at, lang):
        sheet.append([key, value])
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.data_type = TYPE_STRING
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: object) -> object:
    """A cell as openpyxl takes it: None for missing, numbers as Python numbers, lists joined by '; '."""
    if isinstance(value, (list, tuple)) or (hasattr(value, "ndim") and getattr(value, "ndim", 0) > 0):
        return "; ".join(str(v) for v in value)
    if value is None or value is pd.NA or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return _utc_text(value.to_pydatetime())
    return value.item() if hasattr(value, "item") else value
