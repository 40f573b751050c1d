"""Streamlit's own English words that a reader's screen reader speaks, in the page's language.

Streamlit 1.67 names each help icon "Help for <label>" (aria-label) with no way to translate it; a
small script rewrites those labels, now and as Streamlit draws more, keeping the original label so a
language switch rewrites them again. The words come from the catalogue, never from user text.
"""
from __future__ import annotations

import json

from gcm.i18n import LANGS, t

HELP_PREFIX = "Help for "
SCRIPT = """<script>
(() => {
  const w = window;
  w.__gcmHelpFor = %s;
  const fix = () => document.querySelectorAll('[aria-label^="%s"], [data-gcm-help]').forEach(el => {
    const label = el.getAttribute('aria-label') || '';
    if (label.startsWith(%s)) el.dataset.gcmHelp = label.slice(%d);
    const wanted = w.__gcmHelpFor + el.dataset.gcmHelp;
    if (label !== wanted) el.setAttribute('aria-label', wanted);
  });
  fix();
  if (!w.__gcmHelpObserver) {
    let pending = false;
    w.__gcmHelpObserver = new MutationObserver(() => {
      if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; fix(); }); }
    });
    w.__gcmHelpObserver.observe(document.body, {subtree: true, childList: true, attributes: true,
                                                attributeFilter: ['aria-label']});
  }
  if (document.currentScript) document.currentScript.remove();
})();
</script>"""


def help_prefix(lang: str) -> str:
    """'Ayuda sobre ' for Spanish: what comes before a help icon's label."""
    return t("widget_help_for", lang, label="")


def widget_labels_script(lang: str) -> str:
    """The script that puts the page's words on Streamlit's help icons (see the module's docstring); the
    page adds it to the one it already runs (gcm.page.declare_language)."""
    if lang not in LANGS:
        return ""
    return SCRIPT % (json.dumps(help_prefix(lang)), HELP_PREFIX, json.dumps(HELP_PREFIX), len(HELP_PREFIX))
