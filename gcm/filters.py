"""Filters shared by every page, kept in the URL so any view is a link.

URL parameters: `countries` (comma-separated ISO3), `objective` (1-23), `indicator` (a code),
`years` (`2015-2023` or `2020`), `country` (the profile page), `lang` (en/es/pt, optionally with a
region that decides how numbers are written: `es-MX`, `pt-BR`). An invalid value is dropped with a
visible note; the rest of the view still opens.

`parse_params` is pure (tested alone); `sidebar_filters` draws the widgets and keeps the URL,
the widgets and a per-session copy in step, so the filters follow the user across pages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Sequence

import streamlit as st

from gcm.i18n import LANG_NAMES, LANGS, language_of, locale_tag, reader_locale, t
from gcm.safe import escape_markdown

PARAMS = ("countries", "objective", "indicator", "years", "country", "lang")
YEARS_RE = re.compile(r"^\s*(\d{4})\s*(?:[-–:]\s*(\d{4})\s*)?$")
MAX_COUNTRIES_PARAM = 60


@dataclass(frozen=True)
class Filters:
    """The state of the filters."""

    countries: tuple[str, ...] = ()
    objective: int | None = None
    indicator: str | None = None
    years: tuple[int, int] | None = None
    country: str | None = None
    lang: str = "en"
    locale: str = ""  # how numbers are written: the link's region, else the browser's ('es-MX'), else `lang`
    lang_tag: str = ""  # what the URL's `lang` says, region included ('es-MX'); `lang` when it has none


@dataclass(frozen=True)
class Note:
    """A URL parameter that was dropped, and why (an i18n key)."""

    param: str
    value: str
    reason: str


@dataclass(frozen=True)
class Vocabulary:
    """What the URL may name: known countries, indicators (with their objective) and years."""

    countries: frozenset[str]
    indicators: Mapping[str, int | None]
    years: tuple[int, int]
    objectives: frozenset[int] = field(default_factory=lambda: frozenset(range(1, 24)))


def parse_params(params: Mapping[str, Sequence[str]], vocab: Vocabulary) -> tuple[dict, list[Note]]:
    """Valid values found in `params` (each a list of the raw values given) and notes for the rest."""
    found: dict = {}
    notes: list[Note] = []
    for name in PARAMS:
        raw = [str(v) for v in params.get(name, [])]
        if not raw:
            continue
        shown = ", ".join(raw)[:80]
        if len(raw) > 1:
            notes.append(Note(name, shown, "note_repeated"))
            continue
        value = raw[0].strip()
        if name == "countries":
            codes = [c.strip().upper() for c in value.split(",") if c.strip()][:MAX_COUNTRIES_PARAM]
            good = [c for c in dict.fromkeys(codes) if c in vocab.countries]
            bad = [c for c in codes if c not in vocab.countries]
            if bad:
                notes.append(Note(name, ", ".join(bad)[:80], "note_unknown_country"))
            if good:
                found[name] = tuple(good)
        elif name == "country":
            code = value.upper()
            if code in vocab.countries:
                found[name] = code
            else:
                notes.append(Note(name, value[:80], "note_unknown_country"))
        elif name == "objective":
            # ASCII digits only: "²".isdigit() is True but int() refuses it, and int() refuses
            # thousands of digits
            if re.fullmatch(r"[0-9]{1,3}", value) and int(value) in vocab.objectives:
                found[name] = int(value)
            else:
                notes.append(Note(name, value[:80], "note_unknown_objective"))
        elif name == "indicator":
            if value in vocab.indicators:
                found[name] = value
            else:
                notes.append(Note(name, value[:80], "note_unknown_indicator"))
        elif name == "years":
            m = YEARS_RE.match(value)
            if not m:
                notes.append(Note(name, value[:80], "note_bad_years"))
                continue
            lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
            if lo > hi:
                notes.append(Note(name, value[:80], "note_reversed_years"))
            elif lo < vocab.years[0] or hi > vocab.years[1]:
                notes.append(Note(name, value[:80], "note_years_out_of_range"))
            else:
                found[name] = (lo, hi)
        elif name == "lang":
            tag = locale_tag(value)
            if tag:
                found[name], found["locale"] = language_of(tag), tag
            else:
                notes.append(Note(name, value[:80], "note_unknown_lang"))
    ind = found.get("indicator")
    if ind and "objective" in found and vocab.indicators.get(ind) != found["objective"]:
        notes.append(Note("indicator", ind, "note_indicator_not_in_objective"))
        del found["indicator"]
    return found, notes


def to_params(f: Filters, names: Iterable[str]) -> dict[str, str]:
    """The URL parameters for `f`, limited to `names` and to values that are set."""
    out: dict[str, str] = {}
    for name in names:
        value = getattr(f, name)
        if value in (None, (), ""):
            continue
        if name == "countries":
            out[name] = ",".join(value)
        elif name == "years":
            out[name] = f"{value[0]}-{value[1]}"
        elif name == "lang":
            out[name] = f.lang_tag if f.lang_tag and language_of(f.lang_tag) == value else str(value)
        else:
            out[name] = str(value)
    return out


# --- Streamlit side -------------------------------------------------------------------------

WIDGET_KEYS = {"countries": "w_countries", "objective": "w_objective", "indicator": "w_indicator",
               "years": "w_years", "country": "w_country", "lang": "w_lang"}


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def _fingerprint(params: Mapping[str, Sequence[str]]) -> tuple:
    return tuple(sorted((k, tuple(v) if not isinstance(v, str) else (v,)) for k, v in params.items()))


# How many of this session's own URL writes are remembered. A rerun starts from the address the
# browser shows, which can lag behind the writes when the slider moves several times in a second
# (a write reaches the browser only if its run is not interrupted by the next move); an address this
# session wrote itself is never a new link, so it must not put the filters back.
URL_HISTORY = 64


def _wrote(fingerprint: tuple) -> bool:
    """Whether this session wrote this address itself (recently)."""
    return fingerprint in (st.session_state.get("_url_written") or ())


def _record_written(fingerprint: tuple) -> None:
    kept = [f for f in (st.session_state.get("_url_written") or ()) if f != fingerprint]
    st.session_state["_url_written"] = tuple(kept[-(URL_HISTORY - 1):] + [fingerprint])


def current_lang() -> str:
    """The interface language: the URL's `lang`, else this session's choice, else the browser's."""
    chosen = st.session_state.get("w_lang") or st.session_state.get("_filters", {}).get("lang")
    if chosen:
        return chosen
    tag = locale_tag(st.query_params.get("lang", ""))
    if tag:
        return language_of(tag)
    return language_of(getattr(st.context, "locale", None))


def _add_group(groups: Mapping[str, list[str]]) -> None:
    """Callback: add the chosen subregion's or peer group's members to the country selection."""
    code = st.session_state.get("w_group")
    if code:
        current = list(st.session_state.get("w_countries", []))
        st.session_state["w_countries"] = current + [c for c in groups[code] if c not in current]
    st.session_state["w_group"] = None


def sidebar_filters(
    vocab: Vocabulary,
    show: Sequence[str],
    country_names: Mapping[str, str],
    groups: Mapping[str, list[str]],
    group_names: Mapping[str, str],
    objective_names: Mapping[int, str],
    indicator_names: Mapping[str, str],
    default_years: tuple[int, int],
) -> tuple[Filters, list[Note]]:
    """Draw the filters this page uses in the sidebar; return the state and the URL notes."""
    canon: dict = st.session_state.setdefault("_filters", {"years": default_years})
    raw = _url_params()
    notes: list[Note] = []
    if not _wrote(_fingerprint(raw)):
        # An address this session did not write: a page load, a pasted link or a page switch.
        found, notes = parse_params(raw, vocab)
        if "-" not in found.get("locale", "-") and language_of(canon.get("locale")) == found["lang"]:
            del found["locale"]  # a page link's bare `lang=es` keeps the region this session was given
        canon.update(found)
        for name, key in WIDGET_KEYS.items():
            if name in canon:
                st.session_state[key] = canon[name]
        st.session_state["_notes"] = notes
    else:
        notes = st.session_state.get("_notes", [])
    lang = canon.get("lang") or current_lang()
    canon["lang"] = lang
    st.session_state.setdefault("w_lang", lang)

    side = st.sidebar
    side.segmented_control(t("filter_language", lang), list(LANGS), key="w_lang",
                           format_func=LANG_NAMES.get, required=True)
    lang = st.session_state["w_lang"] or lang
    canon["lang"] = lang

    if "countries" in show:
        st.session_state.setdefault("w_countries", list(canon.get("countries", ())))
        side.selectbox(
            t("filter_add_group", lang), list(groups), index=None, key="w_group",
            format_func=lambda c: group_names.get(c, c), placeholder=t("filter_add_group_placeholder", lang),
            help=t("filter_add_group_help", lang), on_change=_add_group, args=(groups,),
        )
        side.multiselect(t("filter_countries", lang), sorted(vocab.countries, key=lambda c: country_names.get(c, c)),
                         key="w_countries", format_func=lambda c: country_names.get(c, c),
                         placeholder=t("filter_all_countries", lang))
        canon["countries"] = tuple(st.session_state["w_countries"])
    if "country" in show:
        options = sorted(vocab.countries, key=lambda c: country_names.get(c, c))
        if st.session_state.get("w_country") not in options:
            st.session_state["w_country"] = canon.get("country") or "COL"
        side.selectbox(t("filter_country", lang), options, key="w_country",
                       format_func=lambda c: country_names.get(c, c), placeholder=t("choose_option", lang))
        canon["country"] = st.session_state["w_country"]
    if "objective" in show:
        options = sorted(objective_names)
        if st.session_state.get("w_objective") not in options:
            st.session_state["w_objective"] = canon.get("objective")
        side.selectbox(t("filter_objective", lang), options, key="w_objective", index=None,
                       format_func=lambda o: f"{o} · {objective_names[o]}", placeholder=t("filter_all_objectives", lang))
        canon["objective"] = st.session_state["w_objective"]
    if "indicator" in show:
        objective = canon.get("objective") if "objective" in show else None
        options = [c for c in indicator_names if objective is None or vocab.indicators.get(c) == objective]
        if st.session_state.get("w_indicator") not in options:
            st.session_state["w_indicator"] = canon.get("indicator") if canon.get("indicator") in options else None
        side.selectbox(t("filter_indicator", lang), options, key="w_indicator", index=None,
                       format_func=lambda c: indicator_names.get(c, c), placeholder=t("filter_any_indicator", lang))
        canon["indicator"] = st.session_state["w_indicator"]
    if "years" in show:
        lo, hi = vocab.years
        # Seed the slider only when it has no value or one outside the bounds: a value the script sets is
        # sent back to the browser, and would put back a slider that moved again meanwhile.
        current = tuple(st.session_state.get("w_years") or canon.get("years") or default_years)
        bounded = (max(lo, min(current[0], hi)), min(hi, max(current[1], lo)))
        if st.session_state.get("w_years") is None or tuple(st.session_state["w_years"]) != bounded:
            st.session_state["w_years"] = bounded
        side.slider(t("filter_years", lang), lo, hi, key="w_years")
        canon["years"] = tuple(int(y) for y in st.session_state["w_years"])

    state = Filters(
        countries=tuple(canon.get("countries", ())) if "countries" in show else (),
        objective=canon.get("objective") if "objective" in show else None,
        indicator=canon.get("indicator") if "indicator" in show else None,
        years=tuple(canon["years"]) if "years" in show and canon.get("years") else None,
        country=canon.get("country") if "country" in show else None,
        lang=lang,
        locale=reader_locale(lang, canon.get("locale"), getattr(st.context, "locale", None)),
        lang_tag=(canon.get("locale") or lang) if language_of(canon.get("locale")) == lang else lang,
    )
    params = to_params(state, [n for n in PARAMS if n in show] + ["lang"])
    extra = {k: v for k, v in st.query_params.to_dict().items() if k not in PARAMS and k in KEEP_PARAMS}
    params.update(extra)
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)
    _record_written(_fingerprint({k: [v] for k, v in params.items()}))
    return state, notes


# Parameters other features own (presenter mode, storyboards) that the filters must not drop.
KEEP_PARAMS: set[str] = {"present", "step", "groups", "practice", "layers", "indicators", "q", "cell"}


def url_values(raw: Sequence[str], multiple: bool = True, limit: int = 50) -> list[str]:
    """The values a link gives for one parameter: with `multiple`, comma-separated, stripped and
    de-duplicated, at most `limit` (a link is untrusted); else the last one given, stripped."""
    if not multiple:
        return [raw[-1].strip()] if raw and raw[-1].strip() else []
    return list(dict.fromkeys(v.strip() for v in ",".join(raw).split(",") if v.strip()))[:limit]


def page_param(name: str, key: str, allowed: Callable[[str], bool], reason: str, *, multiple: bool = True,
               default: object = None, limit: int = 50) -> list[Note]:
    """The one way a page keeps its own URL parameter (`groups`, `indicators`, `practice`, `q`…) and
    its widget in step; call it before drawing the widget whose session key is `key`.

    When the link changed since this page last wrote it (a page load, a pasted link), the link
    decides: the widget gets the allowed values (with `multiple`, a list; else one value), `default`
    when none is left, and each dropped value becomes a Note (`reason` is its i18n key). Otherwise the
    widget keeps the user's choice. After the widget, `write_page_param(name, values)` writes it back.
    """
    raw = tuple(st.query_params.get_all(name))
    seen, notes_key = f"_url_seen_{name}", f"_url_notes_{name}"
    if key in st.session_state and st.session_state.get(seen) == raw:
        return st.session_state.get(notes_key, [])
    given = url_values(raw, multiple, limit)
    kept = [v for v in given if allowed(v)]
    dropped = [v for v in given if not allowed(v)]
    st.session_state[key] = (kept or default) if multiple else (kept[0] if kept else default)
    notes = [Note(name, ", ".join(dropped)[:80], reason)] if dropped else []
    st.session_state[seen], st.session_state[notes_key] = raw, notes
    return notes


def write_page_param(name: str, values: Sequence[str]) -> None:
    """Put a page's own parameter (e.g. `groups`) in the URL without it looking like a new link.

    The filters re-read the URL whenever it differs from what they last wrote, and `page_param`
    whenever the parameter differs from what this wrote: recording the write keeps the user's next
    change from being undone by the old URL.
    """
    before = tuple(st.query_params.get_all(name))
    if values:
        st.query_params[name] = ",".join(values)
    elif name in st.query_params:
        del st.query_params[name]
    _record_written(_fingerprint(_url_params()))
    st.session_state[f"_url_seen_{name}"] = after = tuple(st.query_params.get_all(name))
    if after != before:  # the user's choice replaced the link's: its note has been said
        st.session_state.pop(f"_url_notes_{name}", None)


def _use_years(years: tuple[int, int]) -> None:
    """Callback: set the years filter; the rerun's `sidebar_filters` draws the slider there and writes the URL."""
    st.session_state["w_years"] = tuple(years)
    st.session_state.setdefault("_filters", {})["years"] = tuple(years)


def offer_years_with_data(what: str, chosen: tuple[int, int], span: tuple[int, int] | None, lang: str,
                          key: str) -> bool:
    """When `what` (an indicator's name) has no data in the `chosen` years but has some in `span`, say
    which years do and offer a button that sets the years filter (and the URL) to them; the page is
    never left empty without a way out. Returns whether it did (False when there is no such span)."""
    if span is None or tuple(span) == tuple(chosen):
        return False
    shown = lambda y: str(y[0]) if y[0] == y[1] else f"{y[0]}–{y[1]}"  # noqa: E731
    st.info(t("filter_no_data_in_years", lang, what=escape_markdown(what), chosen=shown(chosen), span=shown(span)))
    st.button(t("filter_use_years", lang, span=shown(span)), key=key, on_click=_use_years, args=(tuple(span),),
              icon=":material/date_range:")
    return True


def show_notes(notes: Sequence[Note], lang: str) -> None:
    """One visible warning listing the URL values that were dropped."""
    if not notes:
        return
    lines = [t(n.reason, lang, param=n.param, value=escape_markdown(n.value)) for n in notes]
    st.warning(t("note_header", lang) + "\n\n" + "\n".join(f"- {line}" for line in lines))
