"""Interface strings in English, Spanish and Portuguese, read from data/i18n/*.csv.

Each CSV has the columns key, en, es, pt; a key may appear in only one file. Texts may hold
`{name}` placeholders filled by `t(key, name=...)`; a key with an `{n}` count may have a
`<key>_one` twin for n = 1. The app (gcm.i18n) and the practices package (labels of a
submission's fields and choices, its validation messages) read the same catalogue.
"""
from __future__ import annotations

import csv
from functools import lru_cache

from common.paths import DATA_DIR

LANGS = ("en", "es", "pt")
LANG_NAMES = {"en": "English", "es": "Español", "pt": "Português"}
I18N_DIR = DATA_DIR / "i18n"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All strings: key -> {lang: text}. Raises on a key defined twice."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(I18N_DIR.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                key = row["key"].strip()
                if key in out:
                    raise ValueError(f"{path.name}: key {key!r} is defined twice")
                out[key] = {lang: row.get(lang) or "" for lang in LANGS}
    return out


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for `key` in `lang` (English if that translation is empty), with placeholders filled.

    `lang` may carry a region ('es-MX', 'pt_BR'): the language part picks the text, so code that formats
    numbers for a reader's region can hand the same tag to both."""
    lang = lang.replace("_", "-").split("-")[0].lower() if lang else "en"
    # Singular: a `<key>_one` text, where there is one, serves n == 1 ("1 country", not "1 countries").
    if values.get("n") == 1 and f"{key}_one" in catalogue():
        key = f"{key}_one"
    entry = catalogue().get(key)
    if entry is None:
        return key  # a visible key is easier to spot and fix than a crash on a live page
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
