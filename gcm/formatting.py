"""Numbers shown the way each language writes them, with censored and partial values made explicit."""
from __future__ import annotations

import math

import pandas as pd

from gcm.i18n import t


def number(value: float | None, lang: str = "en", digits: int | None = None) -> str:
    """1,234.5 in English, 1.234,5 in Spanish and Portuguese; '–' for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    v = float(value)
    if digits is None:
        digits = 0 if abs(v) >= 100 or v == int(v) else (1 if abs(v) >= 10 else 2)
    text = f"{v:,.{digits}f}"
    if lang in ("es", "pt"):
        text = text.replace(",", "\u00a0").replace(".", ",").replace("\u00a0", ".")
    return text


def value_text(value: float | None, flag: str | None, upper: float | None, lang: str = "en") -> str:
    """A value as a reader should see it: '<5' for a suppressed count, '≥ 90' for a lower bound."""
    if flag == "suppressed":
        return "<" + number(upper, lang) if upper is not None and not pd.isna(upper) else t("value_suppressed", lang)
    if flag == "lower_bound":
        return "≥ " + number(value, lang)
    return number(value, lang)


def year_text(year: int | None, months: int | None, lang: str = "en") -> str:
    """'2023', or '2025 (Jan–Apr)' style for a partial year."""
    if year is None or pd.isna(year):
        return "–"
    if months is not None and not pd.isna(months) and int(months) < 12:
        return t("year_partial", lang, year=int(year), months=int(months))
    return str(int(year))
