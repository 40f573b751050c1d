"""Text helpers every package shares: folding for accent- and case-blind matching, and what a safe link is."""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

# A link that can be shown as one: http(s), no spaces, quotes or angle brackets.
SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
# Characters that change how the text around them is shown without being seen themselves: the
# bidirectional embeddings, overrides and isolates (which can make "moc.live//:sptth" read as a
# trusted address), line and paragraph separators, and C0/C1 controls other than tab and newline
# (a terminal runs ESC sequences).
HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: object) -> str:
    """Text for a terminal: every hidden or control character (newlines too) written as its escape, \\x1b."""
    return re.sub(r"[\n\t]|" + HIDDEN.pattern[:-1] + "]",
                  lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def fold(text: object) -> str:
    """Text without accents, in case-folded form, with runs of spaces made one: for matching only."""
    if text is None or (isinstance(text, float) and pd.isna(text)) or text is pd.NA:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
