"""Making untrusted text (URL parameters, submitted practices) safe to show and to export."""
from __future__ import annotations

import re
import unicodedata

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: object) -> str:
    """Text that Streamlit's Markdown shows literally: no links, images, HTML, emphasis or math."""
    cleaned = "".join(
        ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else "\ufffd" for ch in str(text)
    )
    return _MD_SPECIAL.sub(r"\\\1", cleaned)
