"""English words left on a Spanish or Portuguese page, as Chromium shows it.

`audit(page, lang)` collects what a reader sees or a screen reader speaks: the visible text of every
element (SVG text of charts included), the aria-label, title, placeholder and alt attributes, Plotly's
toolbar tooltips (data-title) and the document's title. A string is English when it is

- an English catalogue string (data/i18n, en column) whose translation differs, and that is no Spanish or
  Portuguese catalogue string itself;
- one of Streamlit's own English words (`STREAMLIT`, read from its frontend bundle in
  streamlit/static/static/js: the widgets' placeholders, buttons, aria labels and toolbar titles);
- or holds a word that the catalogue uses only in English (`english_words()`: "the", "of", "trafficking",
  "Mexico" without its accent...), once the names in `ALLOWED` are taken out.

Canvas drawings (the data grid's cells, the map's polygons) are not text in the DOM: docs/pages.md says
what of them stays in the source's words and why.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from common.i18n import LANGS, catalogue

# What the page shows or names, as [source, text, where]; `where` is the nearest data-testid, for the report.
COLLECT = r"""() => {
  const out = [];
  const seen = new Set();
  const where = el => { const t = el.closest('[data-testid]'); return t ? t.dataset.testid : el.tagName.toLowerCase(); };
  const add = (source, text, el) => {
    text = (text || '').replace(/\s+/g, ' ').trim();
    const key = source + '\u0000' + text;
    if (text && !seen.has(key)) { seen.add(key); out.push([source, text, where(el)]); }
  };
  const shown = el => el.checkVisibility({checkOpacity: false, checkVisibilityCSS: true});
  // Material icons are a font's ligatures: "arrow_forward" is drawn as an arrow, never read (aria-hidden).
  const SKIP = 'script, style, noscript, template, [data-testid=stIconMaterial], [data-testid=stExpanderIcon]';
  const texts = root => {
    const found = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (el && !el.closest(SKIP) && shown(el) && node.nodeValue.trim()) found.push([node.nodeValue, el]);
    }
    return found;
  };
  // Plotly breaks a line of SVG text into tspans: the whole <text> is one string.
  texts(document.body).forEach(([text, el]) => { if (!el.closest('svg text')) add('text', text, el); });
  document.body.querySelectorAll('svg text').forEach(el => {
    if (shown(el)) add('text', texts(el).map(([text]) => text).join(' '), el);
  });
  // A sentence split by markup (bold, links) is one string too: each block's text nodes together.
  document.body.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, label, button, summary, th, td, a')
    .forEach(el => { if (shown(el)) add('text', texts(el).map(([text]) => text).join(''), el); });
  for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'data-title']) {
    document.body.querySelectorAll('[' + attr + ']').forEach(el => {
      if (el.closest('script, style, noscript, template')) return;
      // A label of something not drawn is spoken by no one (display: none), except Plotly's toolbar,
      // which is hidden until the pointer is on the chart.
      if (attr !== 'data-title' && !shown(el) && !el.closest('.modebar')) return;
      add(attr, el.getAttribute(attr), el);
    });
  }
  add('document.title', document.title, document.body);
  return out;
}"""

# Streamlit 1.67's own English words on the widgets this app uses (its frontend bundle), exact strings.
STREAMLIT = frozenset({
    # multiselect and selectbox (Multiselect.*.js, Selectbox.*.js, utils.*.js)
    "Clear all", "Clear value", "Select all", "No results", "Open", "Close", "Selected values",
    "Multiselect options", "Selectbox options", "Choose an option", "Choose options", "Add an option",
    "Add options", "Choose or add an option", "Choose or add options", "No options to select", "None",
    # text, number and date inputs (TextInput, NumberInput, InputInstructions, DateInput, TimeInput)
    "Clear entry", "Show password", "Hide password", "Increment", "Decrement", "Choose date",
    "Choose date range", "Clear date", "Clear dates", "Clear time", "Press Enter to apply",
    "Press Enter to submit form",
    # file uploader (FileUploader, utils)
    "Drag and drop file here", "Drag and drop files here", "Drag and drop a file here", "Browse files",
    "Upload", "file upload", "Add files", "Upload failed", "Too many files", "Click to retry upload",
    # chart and table toolbars (Toolbar, DataFrame, useCopyToClipboard, Pagination)
    "Fullscreen", "Close fullscreen", "Download as CSV", "Search", "Close Search", "Type to search",
    "Next Result", "Previous Result", "Copy to clipboard", "Copied", "Next page", "Previous page",
    "Scrollable table", "Sort ascending", "Sort descending", "Hide column", "Pin column", "Unpin column",
    "Copy column name", "Clear selection",
    # the app's frame (index.*.js)
    "Main menu", "Collapse sidebar", "Expand sidebar", "App pages", "View more", "View less",
    "Skip to main content", "Running...", "Stop", "Rerun", "Deploy", "Page not found", "Print", "Record screen",
})
# Streamlit's words that carry a value: "Remove Colombia", "Help for Years", "Limit 200MB per file".
STREAMLIT_PATTERNS = (
    re.compile(r"^Remove \S"), re.compile(r"^Help for \S"), re.compile(r"^Press Enter to \S"),
    re.compile(r"\bper file\b"), re.compile(r"^Limit \d"), re.compile(r"^Drag and drop\b"),
    re.compile(r"^\d+ options? available\.$"), re.compile(r"^\d+ results?$"), re.compile(r"^over 1000$"),
    re.compile(r"^Made with Streamlit\b"),
)

# Names that are not English words though they are written in English: a text shown as a name stays as
# its owner wrote it. Each entry with why; the audit takes these out before it looks for English words.
ALLOWED = {
    "English": "the language picker names each language in that language (English, Español, Português)",
    # Sources cited by their own titles (data/reference/source_texts.csv translates the rest of a citation).
    "IOM Missing Migrants Project": "IOM's project, cited by its name (IOM publishes it in English only)",
    "IOM GDI gdidata": "the name of the data package the figures come through",
    "UNSD Global SDG Indicators Database": "the UN Statistics Division's database, cited by its title",
    "UN SDG Global Database": "the same database as open-numbers names it, cited by its title",
    "open-numbers": "the name of the organisation that republishes the SDG data",
    "IDMC Global Internal Displacement Database": "IDMC's database, cited by its title",
    "World Development Indicators": "the World Bank's database, cited by its title",
    "Worldwide Governance Indicators": "the World Bank's database, cited by its title",
    "Remittance Prices Worldwide": "the World Bank's database, cited by its title",
    "World Population Prospects": "UN DESA's publication, cited by its title",
    "Trafficking in Persons Report": "the US State Department's report, cited by its title",
    "world-politics-datalab": "the name of the repository the treaty statuses come through",
    "data/snapshots": "the folder the warehouse was built from (a path)",
    "International Migrant Stock": "UN DESA's data set, cited by its title",
    "Refugee Data Finder": "UNHCR's data portal, cited by its name",
    "US Customs and Border Protection": "the US agency, cited by its name",
    "Nationwide Encounters": "the agency's data set, cited by its title",
    "datasets/population": "a path in the address of the data set (datahub.io)",
    '"migration detention"': "a quarantine reason quotes the English resolution's words it compares",
    '"immigration detention"': "the same reason: the words of the source that differ from the resolution",
}
# A folder, file, column or package name as the warehouse names it ("missing-migrants", "tip_tiers_lac.csv").
_IDENTIFIER = re.compile(r"^(?=.*[-_./])[\w./-]+$")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:'[a-z]+)?")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(_PLACEHOLDER.sub(" ", text))}


def _is_json_object(text: str) -> bool:
    """A quarantined row's raw values, shown as the source file has them (the row is the evidence)."""
    try:
        return text.startswith("{") and isinstance(json.loads(text), dict)
    except ValueError:
        return False


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Words the catalogue uses in English and never in Spanish or Portuguese (one letter ones aside), less
    the months' names and abbreviations in Spanish and Portuguese ("may" is Spanish May)."""
    from babel import Locale

    english, other = set(), set()
    for texts in catalogue().values():
        english |= _words(texts["en"])
        other |= _words(texts["es"]) | _words(texts["pt"])
    for code in ("es", "pt"):
        for width in ("wide", "abbreviated"):
            other |= {_words(name).pop() for name in Locale.parse(code).months["format"][width].values()}
    return frozenset(w for w in english - other if len(w) > 1)


@lru_cache(maxsize=4)
def english_strings(lang: str) -> frozenset[str]:
    """English catalogue strings whose `lang` text differs, and that are no es/pt string themselves."""
    others = {texts[code] for texts in catalogue().values() for code in LANGS if code != "en"}
    return frozenset(texts["en"] for texts in catalogue().values()
                     if texts["en"] and texts[lang] and texts["en"] != texts[lang] and texts["en"] not in others)


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    """Country and group codes (ISO 3166 alpha-3 and alpha-2): "CAN" is Canada, not "can"."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(c.alpha_2 for c in pycountry.countries)


def why_english(text: str, lang: str) -> str | None:
    """Why `text`, shown on a `lang` page, is English; None when it is not."""
    if text in ALLOWED or _IDENTIFIER.match(text) or _is_json_object(text):
        return None
    if text in english_strings(lang):
        return "catalogue's English"
    if text in STREAMLIT or any(p.search(text) for p in STREAMLIT_PATTERNS):
        return "Streamlit's English"
    rest = text
    for name in ALLOWED:
        rest = rest.replace(name, " ")
    found = [w for w in _WORD.findall(rest) if w.lower() in english_words() and w not in _codes()]
    return f"English word(s) {', '.join(dict.fromkeys(found))}" if found else None


def audit(page, lang: str) -> list[str]:
    """Every English string on the page as '<why>: <source> "<text>" (in <data-testid>)'; [] when none."""
    lang = lang.split("-")[0]
    found = []
    for source, text, where in page.evaluate(COLLECT):
        why = why_english(text, lang)
        if why:
            found.append(f'{why}: {source} "{text[:160]}" (in {where})')
    return found
