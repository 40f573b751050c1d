"""Making untrusted text (URL parameters, submitted practices) safe to show and to export."""
from __future__ import annotations

import re
import unicodedata

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=])")  # & for entities, = for setext headings


def escape_markdown(text: object) -> str:
    """Text that Streamlit's Markdown shows literally: no links, images, HTML, emphasis or math."""
    cleaned = "".join(
        ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else "\ufffd" for ch in str(text)
    )
    return _MD_SPECIAL.sub(r"\\\1", cleaned)


# Characters that change how the text around them is shown without being seen themselves: the
# bidirectional embeddings, overrides and isolates (which can make "moc.live//:sptth" read as a
# trusted address), line and paragraph separators, and C0/C1 controls other than tab and newline.
_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def plain_text(text: object) -> str:
    """Submitted text as it may be shown by st.text or in a table cell: hidden controls made visible (U+FFFD)."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return _HIDDEN.sub("\ufffd", str(text))


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
    if parts.scheme.lower() not in ("http", "https") or not host or _HIDDEN.search(url):
        return None
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
