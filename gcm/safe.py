"""Making untrusted text (URL parameters, submitted practices) safe to show and to export."""
from __future__ import annotations

import re
import unicodedata

from common.text import HIDDEN

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=])")  # & for entities, = for setext headings


def escape_markdown(text: object) -> str:
    """Text that Streamlit's Markdown shows literally: no links, images, HTML, emphasis or math."""
    cleaned = "".join(
        ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else "\ufffd" for ch in str(text)
    )
    return _MD_SPECIAL.sub(r"\\\1", cleaned)



def plain_text(text: object) -> str:
    """Submitted text as it may be shown by st.text or in a table cell: hidden controls made visible (U+FFFD)."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return HIDDEN.sub("\ufffd", str(text))


def link_host(url: str) -> str | None:
    """The host an http(s) address really leads to, as the browser will read it (IDN as punycode); None otherwise.

    "https://gov.example@evil.example/" leads to evil.example, and "https://еxample.org" (Cyrillic е)
    to xn--xample-2of.org: the host is shown beside every link so the reader sees where it goes.
    """
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or HIDDEN.search(url):
        return None
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
