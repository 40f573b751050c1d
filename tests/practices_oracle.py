"""The published practices read straight from the warehouse, and a search done by hand on them: what
the practices search (gcm.search) must agree with, in every language the dashboard writes."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import snowballstemmer

from common.text import fold

# Every text a search looks in: the fact sheet's English and the dashboard's translations.
HAND_SEARCHED = ("practice_id", "title", "original_name", "summary", "actors", "partners",
                 "title_es", "summary_es", "title_pt", "summary_pt")
TRANSLATED = ("title_es", "summary_es", "title_pt", "summary_pt")


def published(db: Path) -> pd.DataFrame:
    """Every published practice in the warehouse, with its Spanish and Portuguese title and summary."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT p.*, es.title AS title_es, es.summary AS summary_es, pt.title AS title_pt, pt.summary AS summary_pt "
            "FROM practices AS p "
            "LEFT JOIN practice_translations AS es ON es.practice_id = p.practice_id AND es.lang = 'es' "
            "LEFT JOIN practice_translations AS pt ON pt.practice_id = p.practice_id AND pt.lang = 'pt' "
            "WHERE p.status = 'published' ORDER BY p.practice_id").df()


STEMMERS = {lang: snowballstemmer.stemmer(name) for lang, name in
            (("es", "spanish"), ("pt", "portuguese"), ("en", "english"))}


def same_stem(word: str, other: str) -> bool:
    """Two folded words one of the Spanish, Portuguese or English Snowball stemmers makes the same."""
    return any(s.stemWord(word) == s.stemWord(other) for s in STEMMERS.values())


def hand_search(rows: pd.DataFrame, word: str, fields: tuple[str, ...] = HAND_SEARCHED) -> set[str]:
    """The practices with `word` (folded) in any of `fields`, as part of a word or as a word of the same stem
    ('retorno' in 'retornadas')."""
    word = fold(word)

    def has(text: object) -> bool:
        text = fold(text)
        return word in text or any(same_stem(word, w) for w in re.findall(r"\w+", text))

    return {r["practice_id"] for _, r in rows.iterrows() if any(has(r[f]) for f in fields)}
