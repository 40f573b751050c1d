"""Numbers, months and partial years the way the reader's region writes them (Babel's CLDR data), with
censored and partial values made explicit.

Every function takes a locale tag: a language with a region ('es-MX', 'pt-BR', 'en-US') or a bare
language ('es'), which reads as that language's default below. What CLDR says the separators are:
Mexico, Central America but Costa Rica, the Spanish Caribbean and Peru write 1,234.5 (as es-419
does); Argentina, Bolivia, Chile, Colombia, Ecuador, Paraguay, Uruguay, Venezuela, Spain and Brazil
write 1.234,5; Costa Rica writes 1 234,5 (a no-break space). The region, not the language, decides.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache

import pandas as pd
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, get_date_format
from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

from gcm.i18n import language_of, t

# A bare language means: Spanish as CLDR's base Spanish writes it (1.234,5: unchanged from the app's
# earlier output, so old `lang=es` links show the same text), Brazilian Portuguese, US English.
DEFAULT_LOCALES = {"en": "en_US", "es": "es", "pt": "pt_BR"}


@lru_cache(maxsize=64)
def babel_locale(tag: str | None) -> Locale:
    """The Babel locale for a tag ('es-MX', 'es_AR', 'pt'); a bare or unknown tag gets its language's default."""
    text = str(tag or "").replace("-", "_")
    if "_" in text:
        try:
            return Locale.parse(text)
        except (ValueError, UnknownLocaleError):
            pass
    return Locale.parse(DEFAULT_LOCALES[language_of(text)])


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number(value: float | None, locale: str = "en", digits: int | None = None) -> str:
    """1,234.5 in en-US or es-MX, 1.234,5 in es-AR or pt-BR; '–' for a missing value.

    Without `digits`: whole numbers from 100 up, one decimal from 10, two below (trailing zeros kept,
    so a column of shares lines up)."""
    if _missing(value):
        return "–"
    v = float(value)
    if digits is None:
        digits = 0 if abs(v) >= 100 or v == int(v) else (1 if abs(v) >= 10 else 2)
    v = round(v, digits) or 0.0  # no '-0.00' for a value that rounds to zero
    # Python's grouping in threes, then the locale's CLDR symbols: the same digits and rounding as
    # always, several times faster than Babel's pattern formatting (a map formats thousands of tooltips).
    return f"{v:,.{digits}f}".translate(_symbols(locale))


@lru_cache(maxsize=64)
def _symbols(locale: str) -> dict[int, str]:
    """str.translate table from Python's ',', '.', '-' to the locale's group, decimal and minus signs."""
    loc = babel_locale(locale)
    return str.maketrans({",": get_group_symbol(loc), ".": get_decimal_symbol(loc), "-": get_minus_sign_symbol(loc)})


def value_text(value: float | None, flag: str | None, upper: float | None, locale: str = "en") -> str:
    """A value as a reader should see it: '<5' for a suppressed count, '≥ 90' for a lower bound."""
    if flag == "suppressed":
        return "<" + number(upper, locale) if not _missing(upper) else t("value_suppressed", language_of(locale))
    if flag == "lower_bound":
        return "≥ " + number(value, locale)
    return number(value, locale)


def _partial(months: int | None) -> bool:
    return months is not None and not _missing(months) and 0 < int(months) < 12


def months_text(months: int, locale: str = "en") -> str:
    """The months a partial year covers from January, without the year: 'Jan – Apr', 'ene–abr'."""
    return format_interval(dt.date(2000, 1, 1), dt.date(2000, int(months), 1), "MMM", locale=babel_locale(locale))


def year_text(year: int | None, months: int | None, locale: str = "en") -> str:
    """'2023', or for a partial year the months it covers from January: 'Jan – Apr 2025', 'ene–abr 2025'."""
    if _missing(year) or year is None:
        return "–"
    if _partial(months):
        start, end = dt.date(int(year), 1, 1), dt.date(int(year), int(months), 1)
        return format_interval(start, end, "yMMM", locale=babel_locale(locale))
    return str(int(year))


def year_tick(year: int, months: int | None, locale: str = "en") -> str:
    """A chart's year tick: '2025', or the year over the months of a partial year ('2025<br>ene–abr')."""
    return f"{int(year)}<br>{months_text(int(months), locale)}" if _partial(months) else str(int(year))


def plotly_separators(locale: str = "en") -> str:
    """Plotly's `layout.separators` for the locale: the decimal mark, then the thousands separator."""
    loc = babel_locale(locale)
    return get_decimal_symbol(loc) + get_group_symbol(loc)


# A date pattern's parts (CLDR/LDML): a quoted literal, a run of one letter, or other literal text.
_PATTERN_PARTS = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+")
# LDML fields of a short date -> Moment.js tokens (Streamlit's DateColumn format).
_MOMENT = {"d": "D", "dd": "DD", "M": "M", "MM": "MM", "yyyy": "YYYY"}


@lru_cache(maxsize=64)
def date_pattern(locale: str = "en") -> str:
    """The region's CLDR short date with a four-digit year: 'dd/MM/yyyy' (es-MX, pt-BR), 'd/M/yyyy' (es,
    es-AR), 'M/d/yyyy' (en-US). A two-digit year would make 13/10/22 ambiguous in a table of decades."""
    pattern = get_date_format("short", locale=babel_locale(locale)).pattern
    return "".join("yyyy" if m.group(1) == "y" else m.group(0) for m in _PATTERN_PARTS.finditer(pattern))


def date_text(value: object, locale: str = "en") -> str:
    """A date as the reader's region writes it (date_pattern); '–' when missing."""
    if _missing(value) or value is pd.NaT:
        return "–"
    return format_date(pd.Timestamp(value).date(), date_pattern(locale), locale=babel_locale(locale))


@lru_cache(maxsize=64)
def date_column_format(locale: str = "en") -> str:
    """date_pattern as a Moment.js format for st.column_config.DateColumn ('DD/MM/YYYY' for es-MX), so a
    table's dates read as the page's other dates and still sort by date. Never 'localized': that is the
    browser's language, English month names on a Spanish page. ISO for a pattern with other fields."""
    parts = []
    for m in _PATTERN_PARTS.finditer(date_pattern(locale)):
        text = m.group(0)
        if m.group(1):
            if text not in _MOMENT:
                return "YYYY-MM-DD"
            parts.append(_MOMENT[text])
        else:
            literal = text[1:-1].replace("''", "'") if text.startswith("'") else text
            parts.append(f"[{literal}]" if literal.strip(" /.-,") else literal)
    return "".join(parts)
