"""What every page does first: pick the language, read the reference data, draw the filters.

A page starts with `ctx = page_context(["countries", "years"])` and then reads like a
storyboard: headline numbers, charts, table, download.
"""
from __future__ import annotations

import base64
import json
import weakref
from dataclasses import dataclass
from typing import Sequence

import pandas as pd
import streamlit as st

from gcm.db import REBUILD, WarehouseUnavailable, build_key
from gcm.filters import Filters, Vocabulary, current_lang, show_notes, sidebar_filters
from gcm.i18n import LANGS, t
from gcm.present import apply_presenter_mode, is_presenting
from gcm.queries import reference
from gcm.tables import show_table
from gcm.widget_text import widget_labels_script
from common.paths import ROOT

DEFAULT_YEARS = (2014, 2025)


@dataclass
class PageContext:
    """The filters, the language and the reference tables a page renders with."""

    filters: Filters
    lang: str
    countries: pd.DataFrame
    objectives: pd.DataFrame
    indicators: pd.DataFrame
    groups: pd.DataFrame
    presenting: bool = False  # presenter mode (`?present=1`): chart builders get it as an argument

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    @property
    def locale(self) -> str:
        """How numbers and months are written for this reader ('es-MX'; gcm.formatting)."""
        return self.filters.locale or self.lang

    @property
    def lang_param(self) -> str:
        """The `lang` a link should carry: the page's language with the region the link gave ('es-MX')."""
        return self.filters.lang_tag or self.lang

    def country_name(self, iso3: str) -> str:
        return str(self.country_names().get(iso3, iso3))

    def country_names(self) -> dict[str, str]:
        """ISO3 -> name in the page's language (a new dict: callers may add to it)."""
        if not hasattr(self, "_country_names"):
            self._country_names = dict(zip(self.countries["country_iso3"], self.countries[f"name_{self.lang}"]))
        return dict(self._country_names)

    def world_country_names(self) -> dict[str, str]:
        """Names of every country, for practices that involve countries beyond the dashboard's 35."""
        from practices.record import country_options

        return dict(country_options(self.lang)) | self.country_names()

    def objective_name(self, objective_id: int) -> str:
        if not hasattr(self, "_objective_names"):
            self._objective_names = dict(zip(self.objectives["objective_id"].astype(int),
                                             self.objectives[f"short_{self.lang}"]))
        return str(self._objective_names.get(int(objective_id), objective_id))

    def indicator(self, code: str) -> pd.Series:
        """The catalogue row of an indicator; `name` is in the page's language (KeyError if unknown)."""
        if not hasattr(self, "_indicator_at"):
            # Pages ask for rows one at a time, often in a loop: find them by position, not by a new index.
            self._indicator_at = {c: i for i, c in enumerate(self.indicators["indicator_code"])}
        row = self.indicators.iloc[self._indicator_at[code]].copy()
        row["name"] = row[f"name_{self.lang}"]
        return row.rename(code)

    def selected_countries(self) -> list[str]:
        """The countries chosen in the filter, or all 35 when none is chosen."""
        return list(self.filters.countries) or self.countries["country_iso3"].tolist()


ROUTER_FLAG = "_via_router"
# The browser tab's icon as a data URL, read once: given as a file, Streamlit reads, hashes and
# registers it again on every rerun of every session.
PAGE_ICON = "data:image/png;base64," + base64.b64encode((ROOT / "assets" / "icon.png").read_bytes()).decode()

# Contrast fixes to Streamlit 1.67's light theme, on every page and in both modes (WCAG 2.2 AA, 4.5:1 for
# text; tests/e2e/test_accessibility.py runs axe-core on every page). Static CSS, never built from data.
PAGE_CSS = """
<style>
/* Captions are body text at 60% opacity (3.9:1 on white); this grey, opaque, is 7:1 and still reads as
   secondary. */
[data-testid="stCaptionContainer"] { color: #595755; opacity: 1; }
/* The chosen option of a segmented control (the language picker) is the primary blue on a pale blue
   tint (4.3:1); a darker blue of the same hue is 6.8:1. */
[data-testid="stButtonGroup"] button[aria-checked="true"] p { color: #005282; }
/* A primary button's text (a form's submit button too) is white on the primary blue (5.2:1) in presenter
   mode too, whose larger type is set in black for everything else (black on that blue is 4.0:1). */
[data-testid="stAppViewContainer"] [data-testid^="stBaseButton-primary"] p { color: #ffffff !important; }
/* ... except a disabled one (the storyboard's Next on its last step): Streamlit draws it without a
   background, so white text on the white page vanished, leaving an empty button. */
[data-testid="stAppViewContainer"] [data-testid^="stBaseButton-primary"]:disabled p { color: #595755 !important; }
/* A static table's headings wrap and its cells keep narrower side padding rather than widen it past the
   page: a table that scrolls sideways is a region the keyboard cannot reach (presenter mode's 22 px type
   did that to the methodology's ten-column table of bounds). */
[data-testid="stTable"] th, [data-testid="stTable"] td {
  white-space: normal; overflow-wrap: anywhere; padding-left: 4px !important; padding-right: 4px !important;
}
/* A section heading (section_heading) is an h2 drawn at the size and top padding of the subheader (h3) the
   pages were laid out with for 1280x720 screen-sharing, smaller in the sidebar as Streamlit draws an h3
   there; presenter mode sizes it with its h3s. */
.stApp [class*="st-key-gcm_section_"] h2 { font-size: 1.75rem; padding-top: 0.75rem; }
.stApp [data-testid="stSidebar"] [class*="st-key-gcm_section_"] h2 { font-size: 1.125rem; }
/* The three languages on one row of the sidebar at 1280 px ("Português" wrapped to a second row). */
.stApp .st-key-w_lang button { padding-left: 10px; padding-right: 10px; }
/* A label heading (label_heading) looks like the bold line of body text it replaced. */
.stApp [class*="st-key-gcm_label_"] :is(h2, h3) { font-size: 1rem; font-weight: 600; padding: 0.25rem 0 0 0; }
</style>
"""


def declare_language(lang: str) -> None:
    """Set the document's lang attribute to the page's language (Streamlit's page says lang="en"):
    screen readers pick their voice by it and browsers offer translation from it. Streamlit 1.67 has
    no setting for it, so a one-line script does it; `lang` is one of LANGS, never user text. The script
    removes itself once run: the page keeps no script element (a hidden sidebar would never run it)."""
    if lang in LANGS:
        # One element for both scripts: each st.html is a block with its own gap in the layout.
        st.html(f"<script>document.documentElement.lang = {json.dumps(lang)}; "
                "if (document.currentScript) document.currentScript.remove();</script>" + widget_labels_script(lang),
                unsafe_allow_javascript=True)


def show_unavailable(exc: WarehouseUnavailable, lang: str) -> None:
    """Say what is wrong with the warehouse and the command that rebuilds it, in the reader's language."""
    declare_language(lang)
    from pathlib import Path

    st.error(t(f"warehouse_{exc.kind}", lang, name=Path(exc.path).name, detail=exc.detail))
    st.markdown(t("warehouse_rebuild", lang))
    st.code(REBUILD, language="bash")


def require_router() -> None:
    """Rerun through dashboard.py if Streamlit ran this page file on its own.

    With a `pages/` folder beside the entry script, Streamlit runs the very first request of a
    fresh server in its old multipage mode: a deep link such as /compare executes
    pages/compare.py directly, skipping the router (page config, navigation, warehouse check).
    That first run switches the server to st.navigation, so one rerun fixes it.
    """
    if not st.session_state.get(ROUTER_FLAG):
        # What st.navigation itself does on its first call (Streamlit 1.67); the old mode's own
        # navigation does not, so without this every rerun would skip the router again.
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()


@dataclass(frozen=True)
class _Reference:
    """The reference tables and the filters' vocabulary and names in one language, for one build."""

    lang: str
    countries: pd.DataFrame
    objectives: pd.DataFrame
    indicators: pd.DataFrame  # with unit, definition and caveats in `lang`
    groups: pd.DataFrame
    vocab: Vocabulary
    filter_names: dict


# Built once per build and language, shared by every session: every rerun of every page starts here,
# and rebuilding the vocabulary and name lists each time was a tenth of a cheap page's rerun.
@st.cache_resource(show_spinner=False, max_entries=16)
def _reference(build: str, lang: str) -> _Reference:
    countries = reference.load_countries()
    objectives = reference.load_objectives()
    indicators = reference.load_indicators()
    groups = reference.load_peer_groups()
    years = reference.load_year_bounds()
    vocab = Vocabulary(
        countries=frozenset(countries["country_iso3"]),
        indicators=dict(zip(indicators["indicator_code"],
                            indicators["objective_id"].astype("Int64").astype(object).where(
                                indicators["objective_id"].notna(), None))),
        years=years,
    )
    name_col = f"name_{lang}"
    names = dict(
        country_names=dict(zip(countries["country_iso3"], countries[name_col])),
        groups={r.group_code: list(r.members) for r in groups.itertuples()},
        group_names=dict(zip(groups["group_code"], groups[name_col])),
        objective_names=dict(zip(objectives["objective_id"], objectives[f"short_{lang}"])),
        indicator_names=dict(zip(indicators["indicator_code"], indicators[name_col])),
        default_years=(max(DEFAULT_YEARS[0], years[0]), min(DEFAULT_YEARS[1], years[1])),
    )
    # Units in the reader's language everywhere a page reads `unit` from the catalogue.
    indicators = indicators.assign(unit=indicators[f"unit_{lang}"], definition=indicators[f"definition_{lang}"],
                                   caveats=indicators[f"caveats_{lang}"], source=indicators[f"source_{lang}"],
                                   licence=indicators[f"licence_{lang}"])
    return _Reference(lang, countries, objectives, indicators, groups, vocab, names)


def page_context(show: Sequence[str]) -> PageContext:
    """Load reference data and draw the sidebar filters this page uses; stop with a clear message on failure."""
    require_router()
    lang = current_lang()
    try:
        ref = _reference(build_key(), lang)
    except WarehouseUnavailable as exc:
        show_unavailable(exc, lang)
        st.stop()
    filters, notes = sidebar_filters(ref.vocab, show, **ref.filter_names)
    lang = filters.lang
    if lang != ref.lang:
        ref = _reference(build_key(), lang)
    declare_language(lang)
    st.html(PAGE_CSS)
    presenting = is_presenting()
    if presenting:
        apply_presenter_mode(lang)
    # Shallow copies: a page may add a column to its own; copy-on-write keeps the shared data intact.
    countries, objectives, indicators, groups = (f.copy(deep=False) for f in (
        ref.countries, ref.objectives, ref.indicators, ref.groups))
    ctx = PageContext(filters, lang, countries, objectives, indicators, groups, presenting)
    show_notes(notes, lang)
    return ctx


def section_heading(text: str, key: str) -> None:
    """A section of the page under its title (an st.title, h1): an h2, the level screen readers list and jump
    to (an h3 straight under the h1 reads as a section missing before it), looking like the subheader it
    replaced (PAGE_CSS). `key`, a constant of ours unique on the page, names its container."""
    with st.container(key=f"gcm_section_{key}"):
        st.header(text)


def label_heading(text: str, level: int, key: str) -> None:
    """A short label over a block (a subregion's grid, a list of practices) that looks like bold body text
    but is a heading of `level` (2 under the page's title, 3 under a section), so screen readers list it
    and jump to it; a bold paragraph is neither. `key`, a constant of ours unique on the page."""
    with st.container(key=f"gcm_label_{key}"):
        (st.header if level == 2 else st.subheader)(text, anchor=False)


# A shown figure's table, kept as long as the figure is: figures are shared by every session from the
# view-model cache, and rebuilding their tables was a sixth of a cached objective page's rerun.
# Keyed on id() (a figure is unhashable), dropped when the figure is freed, so no id is ever reused.
_chart_tables: dict[int, dict] = {}


def _tables_of(figure) -> dict:
    tables = _chart_tables.get(id(figure))
    if tables is None:
        tables = _chart_tables[id(figure)] = {}
        weakref.finalize(figure, _chart_tables.pop, id(figure), None)
    return tables


def chart_table(figure, ctx: PageContext, folded: bool = True, rows_header: str = "data_col_year") -> None:
    """The figures a line chart (rows: years) or a ranking (`rows_header="data_col_country"`) plots, under
    it: the chart's table alternative, in a closed expander, or (`folded=False`, for a chart already in
    an expander: Streamlit nests none) as a table."""
    headers = (ctx.t(rows_header), ctx.t("data_col_value"), ctx.locale)
    tables = _tables_of(figure)
    if headers not in tables:
        from gcm.charts import figure_table
        from gcm.models import arrow

        tables[headers] = arrow(figure_table(figure, *headers))  # numbers as the chart writes them
    table = tables[headers]
    if folded:
        with st.expander(ctx.t("chart_table"), icon=":material/table:"):
            show_table(table, ctx)
    else:
        show_table(table, ctx)
