"""Streamlit's own English words on a page, in the page's language.

Streamlit 1.67 writes its widgets' labels in English with no way to translate them: the help icons'
"Help for <label>", a multiselect chip's "Remove <option>", a picker's "Open" and "Clear value", a range
slider's "<label> — start", the toolbars' "Fullscreen" and "Search", the skip link, a list's "No results"
(its frontend bundle, streamlit/static/static/js). A small script rewrites them, now and as Streamlit draws
more: the aria-label, title, placeholder and data-title attributes (Plotly's toolbar tooltips) anywhere,
and text only inside Streamlit's own parts (`TEXT_WITHIN`), so no text of ours or of a submitter is ever
touched. Only the fixed words change; what Streamlit puts beside them (a label, an option) is kept as it
is. The English original is kept beside each rewrite, so a re-render that writes the English again is
rewritten and a language switch rewrites from the original. The words come from the catalogue.
"""
from __future__ import annotations

import json

from gcm.i18n import LANGS, t

# A whole attribute value (or text within TEXT_WITHIN) -> catalogue key.
WORDS = {
    "Fullscreen": "widget_fullscreen", "Close fullscreen": "widget_close_fullscreen",
    "Open": "widget_open", "Close": "widget_close", "Clear value": "widget_clear_value",
    "Clear all": "widget_clear_all", "Select all": "widget_select_all", "No results": "widget_no_results",
    "Increment": "widget_increment", "Decrement": "widget_decrement", "Search": "widget_search",
    "Close Search": "widget_close_search", "Show/hide columns": "widget_show_hide_columns",
    "Download as CSV": "widget_download_csv", "Sidebar": "widget_sidebar", "App pages": "widget_app_pages",
    "Main menu": "widget_main_menu", "Collapse sidebar": "widget_collapse_sidebar",
    "Expand sidebar": "widget_expand_sidebar", "Link to heading": "widget_link_to_heading",
    "Skip to main content": "widget_skip_to_content", "Press Enter to apply": "widget_press_enter_apply",
    "Press Enter to submit form": "widget_press_enter_submit", "Show password": "widget_show_password",
    "Hide password": "widget_hide_password", "Clear entry": "widget_clear_entry",
    # the data grid's search (glide-data-grid)
    "Type to search": "widget_type_to_search", "Previous Result": "widget_previous_result",
    "Next Result": "widget_next_result", "over 1000": "widget_over_1000",
    # the main menu (toolbarMode "viewer")
    "Print": "widget_print", "Record screen": "widget_record_screen", "Made with Streamlit v": "widget_made_with",
    "Copy version to clipboard": "widget_copy_version",
    # the file uploader (the review page's ingest panel)
    "Upload": "widget_upload", "file upload": "widget_file_upload", "Drag and drop files here": "widget_drop_files",
    "Drag and drop a file here": "widget_drop_file",
}
# Words before what Streamlit names ("Help for Years", "Remove Colombia") and where Streamlit writes them
# ("" anywhere): a prefix is rewritten only there, so no label of ours that starts alike is touched.
PREFIXES = {"Help for ": ("widget_help_for", ""), "Remove ": ("widget_remove", "[data-testid=stMultiSelect]")}
# Words after it, and where: a range slider's two thumbs ("Years — start"), an uploader's "5MB per file".
SUFFIXES = {" — start": ("widget_range_start", "[data-testid=stSlider]"),
            " — end": ("widget_range_end", "[data-testid=stSlider]"),
            " per file": ("widget_per_file", "[data-testid=stFileUploader]")}
# Counts: React Aria's live announcement when a picker's list opens or filters ("34 options available."),
# the data grid search's "3 results".
COUNTS = {r"^(\d+) options? available\.$": "widget_options_available", r"^(\d+) results?$": "widget_results"}
# Where Streamlit writes these words as text (no text of ours is inside).
TEXT_WITHIN = ("[data-testid=stSkipToContent], [data-testid=stMultiSelectDropdown], [role=listbox], "
               "[data-testid=InputInstructions], [data-live-announcer], .gdg-search-status, "
               "[data-testid=stMainMenuPopover], [data-testid=stFileUploaderDropzone]")
SCRIPT = """<script>
(() => {
  const w = window;
  w.__gcmWords = %s;
  const tr = (s, el) => {
    const W = w.__gcmWords;
    if (Object.hasOwn(W.words, s)) return W.words[s];
    // Streamlit's toolbars name a button "Fullscreen: (what it acts on)". No tag-like text in this script:
    // the HTML sanitizer drops a script that holds any.
    const i = s.indexOf(': ');
    if (i > 0 && Object.hasOwn(W.words, s.slice(0, i)) && el.closest('[data-testid=stElementToolbar]'))
      return W.words[s.slice(0, i)] + s.slice(i);
    for (const [en, text, within] of W.prefixes)
      if (s.startsWith(en) && s.length > en.length && (!within || el.closest(within))) return text + s.slice(en.length);
    for (const [en, text, within] of W.suffixes)
      if (s.endsWith(en) && s.length > en.length && el.closest(within)) return s.slice(0, -en.length) + text;
    for (const [re, one, other] of W.counts) {
      const m = new RegExp(re).exec(s);
      if (m) return (m[1] === '1' ? one : other).replace('{n}', m[1]);
    }
    return s;
  };
  const fix = () => {
    for (const attr of ['aria-label', 'title', 'placeholder', 'data-title']) {
      const en = 'data-gcm-en-' + attr, as = 'data-gcm-as-' + attr;
      document.querySelectorAll('[' + attr + ']').forEach(el => {
        const now = el.getAttribute(attr);
        // What we wrote last stands for its original; anything else is Streamlit's own (new) text.
        const original = el.getAttribute(as) === now ? el.getAttribute(en) : now;
        const wanted = tr(original, el);
        if (wanted !== original) { el.setAttribute(en, original); el.setAttribute(as, wanted); }
        if (now !== wanted) el.setAttribute(attr, wanted);
        // Plotly's toolbar shows data-title; a screen reader reads the button's aria-label.
        if (attr === 'data-title' && el.classList.contains('modebar-btn') && el.getAttribute('aria-label') !== wanted
            && wanted !== original) el.setAttribute('aria-label', wanted);
      });
    }
    document.querySelectorAll(w.__gcmWords.within).forEach(root => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const now = node.nodeValue;
        const original = node.__gcmAs === now ? node.__gcmEn : now;
        const core = original.trim(), text = tr(core, node.parentElement);
        const wanted = text === core ? original : original.replace(core, text);
        if (wanted !== original) { node.__gcmEn = original; node.__gcmAs = wanted; }
        if (now !== wanted) node.nodeValue = wanted;
      }
    });
  };
  fix();
  if (!w.__gcmWordsObserver) {
    let pending = false;
    w.__gcmWordsObserver = new MutationObserver(() => {
      if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; fix(); }); }
    });
    w.__gcmWordsObserver.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                                                 attributeFilter: ['aria-label', 'title', 'placeholder', 'data-title']});
  }
  if (document.currentScript) document.currentScript.remove();
})();
</script>"""


def words(lang: str) -> dict:
    """Streamlit's English words and their `lang` text, as the script reads them (English for English,
    so that a switch back to English rewrites the page from the originals)."""
    return {
        "words": {english: t(key, lang) for english, key in WORDS.items()},
        "prefixes": [[english, t(key, lang, label=""), within] for english, (key, within) in PREFIXES.items()],
        "suffixes": [[english, t(key, lang), within] for english, (key, within) in SUFFIXES.items()],
        "counts": [[pattern, t(f"{key}_one", lang, n="{n}"), t(key, lang, n="{n}")] for pattern, key in COUNTS.items()],
        "within": TEXT_WITHIN,
    }


def widget_labels_script(lang: str) -> str:
    """The script that puts the page's words on Streamlit's widgets (see the module's docstring); the page
    adds it to the one it already runs (gcm.page.declare_language)."""
    if lang not in LANGS:
        return ""
    # "<" escaped: nothing in the data can close the script element.
    return SCRIPT % json.dumps(words(lang), ensure_ascii=False).replace("<", "\\u003c")
