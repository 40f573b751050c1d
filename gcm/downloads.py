"""CSV and Excel download buttons for any table or chart's data, recording the view's link and the download time.

Pages call `download_button(df, label, file_stem, ctx)` under a chart or table; this is the only
module of the export path with Streamlit calls (the bytes come from the pure `gcm.export`).
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Callable, Mapping

import pandas as pd
import streamlit as st

from gcm.export import to_csv_bytes, to_xlsx_bytes, view_url

_STEM_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def current_view_url() -> str:
    """The link that reopens what the user sees: the page's address and its current URL parameters."""
    return view_url(st.context.url, st.query_params.to_dict())


def download_button(df: pd.DataFrame | Callable[[], pd.DataFrame], label: str, file_stem: str, ctx, *,
                    headers: Mapping[str, str] | None = None, key: str | None = None) -> None:
    """Two buttons that download exactly `df`: as CSV (`gcm.export.to_csv_bytes`) and as Excel (`to_xlsx_bytes`), headers in `ctx.lang`.

    The file is built when the button is clicked, so its download time is the real one; the view's
    link is taken now, while the page still knows it. `df` may be a function that makes the table,
    which then runs only on a click, not on every rerun of the page.
    """
    stem = _STEM_UNSAFE.sub("-", file_stem).strip("-") or "gcm-data"
    # The callable runs later, on another thread: keep the table as shown (copy-on-write makes the
    # shallow copy safe; a function is trusted to build from values it already holds).
    make = df if callable(df) else (lambda frame=df.copy(deep=False): frame)
    link = current_view_url()
    lang = ctx.lang

    def build(writer: Callable[..., bytes]) -> Callable[[], bytes]:
        return lambda: writer(make(), view_url=link, downloaded_at=datetime.now(timezone.utc), lang=lang,
                              headers=headers)

    name = f"{stem}-{date.today():%Y-%m-%d}"
    with st.container(horizontal=True):
        st.download_button(
            label, data=build(to_csv_bytes), file_name=f"{name}.csv", mime="text/csv",
            key=key or f"dl_{stem}", on_click="ignore", icon=":material/download:",
            help=ctx.t("data_download_help"),
        )
        # Excel: numbers as numbers and no separator to guess, whatever the spreadsheet's locale.
        st.download_button(
            ctx.t("data_download_xlsx"), data=build(to_xlsx_bytes), file_name=f"{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key or f'dl_{stem}'}_xlsx", on_click="ignore", icon=":material/table_view:",
        )
