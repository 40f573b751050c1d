"""Streamlit's own English words that a reader's screen reader speaks, in the page's language.

Streamlit 1.67 names each help icon "Help for <label>" (aria-label) and adds a "Fullscreen" / "Close
fullscreen" button to Plotly's toolbar (its tooltip is the button's data-title; plotly.js translates only
its own buttons, see gcm.describe.plotly_locale), with no way to translate either; a small script rewrites
those labels, now and as Streamlit draws more, keeping the original words so a language switch rewrites
them again. The words come from the catalogue, never from user text.
"""
from __future__ import annotations

import json

from gcm.i18n import LANGS, t

HELP_PREFIX = "Help for "
SCRIPT = """<script>
(() => {
  const w = window;
  w.__gcmHelpFor = %s;
  w.__gcmTitles = %s;
  const fix = () => {
    document.querySelectorAll('[aria-label^="%s"], [data-gcm-help]').forEach(el => {
      const label = el.getAttribute('aria-label') || '';
      if (label.startsWith(%s)) el.dataset.gcmHelp = label.slice(%d);
      const wanted = w.__gcmHelpFor + el.dataset.gcmHelp;
      if (label !== wanted) el.setAttribute('aria-label', wanted);
    });
    document.querySelectorAll('.modebar-btn[data-title]').forEach(el => {
      const title = el.getAttribute('data-title');
      if (Object.hasOwn(w.__gcmTitles, title)) el.dataset.gcmTitle = title;
      const wanted = Object.hasOwn(w.__gcmTitles, el.dataset.gcmTitle || '') ? w.__gcmTitles[el.dataset.gcmTitle] : null;
      if (wanted && title !== wanted) { el.setAttribute('data-title', wanted); el.setAttribute('aria-label', wanted); }
    });
  };
  fix();
  if (!w.__gcmHelpObserver) {
    let pending = false;
    w.__gcmHelpObserver = new MutationObserver(() => {
      if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; fix(); }); }
    });
    w.__gcmHelpObserver.observe(document.body, {subtree: true, childList: true, attributes: true,
                                                attributeFilter: ['aria-label', 'data-title']});
  }
  if (document.currentScript) document.currentScript.remove();
})();
</script>"""
# Streamlit's own buttons on Plotly's toolbar (their English titles) -> catalogue keys.
TOOLBAR_TITLES = {"Fullscreen": "widget_fullscreen", "Close fullscreen": "widget_close_fullscreen"}


def help_prefix(lang: str) -> str:
    """'Ayuda sobre ' for Spanish: what comes before a help icon's label."""
    return t("widget_help_for", lang, label="")


def widget_labels_script(lang: str) -> str:
    """The script that puts the page's words on Streamlit's help icons (see the module's docstring); the
    page adds it to the one it already runs (gcm.page.declare_language)."""
    if lang not in LANGS:
        return ""
    titles = {english: t(key, lang) for english, key in TOOLBAR_TITLES.items()}
    return SCRIPT % (json.dumps(help_prefix(lang)), json.dumps(titles), HELP_PREFIX, json.dumps(HELP_PREFIX),
                     len(HELP_PREFIX))
