"""The app's interface strings: the catalogue and `t` (common.i18n, which the practices package reads
too), and the app's helpers around them: a translator bound to one language, the browser's language."""
from __future__ import annotations

from typing import Callable

from common.i18n import I18N_DIR, LANG_NAMES, LANGS, catalogue, t  # noqa: F401 - the app imports them from here


def translator(lang: str) -> Callable[..., str]:
    """`t` bound to one language: `tr("key", n=2)`, for code that builds a whole view in that language."""
    return lambda key, **values: t(key, lang, **values)


def lang_from_locale(locale: str | None) -> str:
    """Pick en/es/pt from a browser locale such as 'es-419' or 'pt-BR'; English otherwise."""
    if not locale:
        return "en"
    primary = str(locale).replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGS else "en"
