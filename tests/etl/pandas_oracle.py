"""The pandas parsers the ETL used before its checks moved to SQL: an oracle the SQL models are held to."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MISSING_MARKERS = frozenset({"", "..", "...", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "-", "—"})
SUPPRESSED_MARKERS = {"<5": 5.0, "< 5": 5.0, "<3": 3.0, "<10": 10.0}
PLAIN_DECIMAL = r"^-?[0-9]{1,30}(\.[0-9]{1,30})?$"


def parse_numbers(values: pd.Series) -> pd.DataFrame:
    """Parse text numbers into `value` and `status` in {ok, suppressed, missing, invalid}.

    A suppressed count such as `<5` keeps value NaN and `upper` = 5: it is censored, never 0 or 5.
    """
    text = values.astype(str).str.strip()
    cleaned = text
    # Each rewrite only where it could apply: a regular expression over a million texts takes a tenth of a second.
    if cleaned.str.contains("\u00a0", regex=False).any():
        cleaned = cleaned.str.replace("\u00a0", "", regex=False)
    if cleaned.str.contains(",", regex=False).any():
        # "2,386" is a thousands separator; "12,5" (a decimal comma) is ambiguous and stays invalid.
        thousands = cleaned.str.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
        cleaned = cleaned.where(~thousands, cleaned.str.replace(",", "", regex=False))
    value = to_float(cleaned)
    missing = text.isin(MISSING_MARKERS).to_numpy(dtype=bool)
    suppressed = text.isin(SUPPRESSED_MARKERS.keys()).to_numpy(dtype=bool)
    upper = pd.Series(np.nan, index=values.index, dtype="float64")
    upper[suppressed] = text[suppressed].map(SUPPRESSED_MARKERS).astype(float)
    invalid = (np.isnan(value) & ~missing & ~suppressed) | np.isinf(value)
    # Later assignments win: invalid over suppressed over missing.
    status = np.full(len(text), "ok", dtype=object)
    status[missing] = "missing"
    status[suppressed] = "suppressed"
    status[invalid] = "invalid"
    value[missing | suppressed | invalid] = np.nan
    return pd.DataFrame({"value": value, "status": status, "upper": upper}, index=values.index)


def to_float(text: pd.Series, parse=None) -> np.ndarray:
    """pd.to_numeric(text, errors="coerce") as float64 (or `parse`, a vectorised parser, where
    given), except that -0 reads as 0 whatever else is parsed with it (pandas gives -0.0 or 0
    depending on whether the batch holds a fraction). Plain decimals go through Arrow."""
    out = np.full(len(text), np.nan)
    rest = np.ones(len(text), dtype=bool)
    if len(text) and isinstance(text.array, pd.arrays.ArrowStringArray):
        arrow = pa.array(text.array)
        plain = pc.fill_null(pc.match_substring_regex(arrow, PLAIN_DECIMAL), False)
        mask = plain.to_numpy(zero_copy_only=False)
        if mask.any():
            out[mask] = pc.cast(arrow.filter(plain), pa.float64()).to_numpy(zero_copy_only=False)
        rest = ~mask
    if rest.any():
        parsed = _per_distinct(text[rest], parse or (lambda u: pd.to_numeric(u, errors="coerce")))
        out[rest] = parsed.astype("float64").to_numpy()
    return out + 0.0


def parse_dates(values: pd.Series) -> pd.Series:
    """ISO dates (YYYY-MM-DD) as datetime64; anything else becomes NaT."""
    return _per_distinct(
        values.astype(str).str.strip(), lambda u: pd.to_datetime(u, format="%Y-%m-%d", errors="coerce")
    )


def _per_distinct(text: pd.Series, parse) -> pd.Series:
    """`parse` (a vectorised parser) applied once per distinct value: sources repeat years, dates
    and counts a lot, and pandas' parsers go through a Python object per value they are given."""
    codes, uniques = pd.factorize(text, use_na_sentinel=False)
    parsed = parse(pd.Series(uniques, dtype=text.dtype))
    return pd.Series(parsed.array.take(codes), index=text.index, name=text.name)
