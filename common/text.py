"""Text helpers every package shares: folding for accent- and case-blind matching, and what a safe link is."""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

# A link that can be shown as one: http(s), no spaces, quotes or angle brackets.
SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def fold(text: object) -> str:
    """Text without accents, in case-folded form, with runs of spaces made one: for matching only."""
    if text is None or (isinstance(text, float) and pd.isna(text)) or text is pd.NA:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
