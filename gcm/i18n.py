"""The app's interface strings: the catalogue and `t` (common.i18n, which the practices package reads
too), and the app's helpers around them: a translator bound to one language, the reader's locale.

A locale tag is a language and, optionally, a region: 'es', 'es-MX', 'pt-BR'. The language picks
the strings (en/es/pt); the region picks how numbers are written (gcm.formatting).
"""
from __future__ import annotations

import re
from typing import Callable

from babel import Locale, UnknownLocaleError

from common.i18n import I18N_DIR, LANG_NAMES, LANGS, catalogue, t  # noqa: F401 - the app imports them from here

TAG_RE = re.compile(r"^[A-Za-z]{2}(?:[-_](?:[A-Za-z]{2}|[0-9]{3}))?$")


def translator(lang: str) -> Callable[..., str]:
    """`t` bound to one language: `tr("key", n=2)`, for code that builds a whole view in that language."""
    return lambda key, **values: t(key, lang, **values)


def by_english(prefix: str, lang: str) -> dict[str, str]:
    """English text -> `lang` text of the catalogue keys starting with `prefix`: for texts that arrive in
    English from a file or the warehouse (the rating file's citations, the ETL's quarantine reasons)."""
    return {texts["en"]: t(key, lang) for key, texts in catalogue().items() if key.startswith(prefix)}


def language_of(tag: str | None) -> str:
    """en/es/pt from a locale tag such as 'es-419' or 'pt_BR'; English for anything else."""
    primary = str(tag or "").replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGS else "en"


def locale_tag(value: str | None) -> str | None:
    """A tag the app can serve, written as BCP 47 ('es-MX', 'pt-BR', 'es-419', or a bare 'es'); None when
    the language is not en/es/pt or CLDR does not know the region (a link is untrusted: 'es-XX' is refused)."""
    text = str(value or "").strip()
    if not TAG_RE.match(text):
        return None
    lang, _, region = text.replace("_", "-").partition("-")
    lang = lang.lower()
    if lang not in LANGS:
        return None
    if not region:
        return lang
    try:
        Locale.parse(f"{lang}_{region.upper()}")
    except (ValueError, UnknownLocaleError):
        return None
    return f"{lang}-{region.upper()}"


def reader_locale(lang: str, url_tag: str | None, browser: str | None) -> str:
    """The locale numbers are written in: the link's tag, else the browser's, when either is in the page's
    language and names a region; else the bare language (gcm.formatting picks its default)."""
    for candidate in (url_tag, browser):
        tag = locale_tag(candidate)
        if tag and "-" in tag and language_of(tag) == lang:
            return tag
    return lang
