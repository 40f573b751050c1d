"""Which caveat goes beside a figure: pure pandas, no Streamlit."""
from __future__ import annotations

import re

import pandas as pd


def _rows(code: str, iso3: str | None, year: int | None, caveats: pd.DataFrame) -> pd.DataFrame:
    rows = caveats[(caveats["indicator_code"] == code)
                   & (caveats["country_iso3"].isna() | (caveats["country_iso3"] == iso3))]
    if year is not None:
        rows = rows[(rows["year_from"] <= year) & (rows["year_to"].isna() | (rows["year_to"] >= year))]
    return rows


def has_country_caveat(code: str, iso3: str | None, year: int | None, caveats: pd.DataFrame) -> bool:
    """Whether dim_caveats holds a caveat about this very country's figure in that year (an undercount, say)."""
    return bool(iso3) and bool((_rows(code, iso3, year, caveats)["country_iso3"] == iso3).any())


def caveat_for(code: str, iso3: str | None, year: int | None, flag: str | None, lang: str,
               caveats: pd.DataFrame, flags: pd.DataFrame, indicator_caveat: str = "") -> str:
    """The caveat to show under one figure, in `lang`: the one recorded for this country and year
    (dim_caveats) first, else what the value's flag means (dim_value_flags), else the indicator's."""
    rows = _rows(code, iso3, year, caveats)
    if len(rows):
        # A caveat about this very country comes before one about every country.
        return str(rows.sort_values("country_iso3", na_position="last").iloc[0][f"caveat_{lang}"])
    if isinstance(flag, str) and flag in set(flags["value_flag"]):
        return str(flags.set_index("value_flag").loc[flag, f"meaning_{lang}"])
    return indicator_caveat if isinstance(indicator_caveat, str) else ""


# A full stop that ends a sentence: then a capital, a digit or the end; not after a word of one or two
# letters (abbreviations: "e.g.", "p. ex.", "EE. UU.").
SENTENCE_END = re.compile(r"(?<!\b[^\W\d_])(?<!\b[^\W\d_]{2})\.(?=\s+[\"'¿¡(]?[^\W_a-z]|\s*$)")


def first_sentence(text: str) -> str:
    """A caveat's first sentence, for the line or two a presenter's screen has room for. Never cut
    inside a sentence: a clause after a ';' or a comma often carries the qualifier ("Only where UNHCR
    is engaged; not a national total"), so a cut there can turn a caveat into its opposite. The
    whole caveat stays on the page outside presenter mode."""
    text = (text or "").strip()
    end = SENTENCE_END.search(text, 20)
    return text[: end.end()] if end else text
