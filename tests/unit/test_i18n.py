"""Every interface string exists in English, Spanish and Portuguese, and placeholders match."""
from __future__ import annotations

import csv
import re
import string

import pytest

from gcm.i18n import I18N_DIR, LANGS, catalogue, language_of, t

FILES = sorted(I18N_DIR.glob("*.csv"))
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_there_are_string_files():
    assert FILES, "data/i18n/*.csv missing"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_key_is_translated_with_the_same_placeholders(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and set(LANGS) <= set(rows[0])
    problems = []
    for row in rows:
        for lang in LANGS:
            if not (row.get(lang) or "").strip():
                problems.append(f"{row['key']}: no {lang}")
        fields = {lang: sorted(PLACEHOLDER.findall(row.get(lang) or "")) for lang in LANGS}
        if len({tuple(v) for v in fields.values()}) > 1:
            problems.append(f"{row['key']}: placeholders differ {fields}")
        for lang in LANGS:
            try:
                list(string.Formatter().parse(row.get(lang) or ""))
            except ValueError as exc:
                problems.append(f"{row['key']} ({lang}): {exc}")
    assert not problems, "\n".join(problems)


def test_keys_are_unique_across_files():
    catalogue.cache_clear()
    assert len(catalogue()) > 10  # raises on a key defined twice


def test_lookup_and_locale():
    assert t("filter_countries", "es") == "Países"
    assert t("no_such_key", "pt") == "no_such_key"
    assert [language_of(x) for x in ("es-419", "pt_BR", "fr-FR", None)] == ["es", "pt", "en", "en"]


def test_a_count_of_one_takes_the_singular_text():
    assert t("desc_n_countries", "es", n=1) == "1 país"
    assert t("desc_n_countries", "en", n=1) == "1 country"
    assert t("desc_n_countries", "pt", n=3) == "3 países"
