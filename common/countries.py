"""Country codes and names: the dashboard's 35 countries, ISO 3166 checks via pycountry, name lookup."""
from __future__ import annotations

import gettext
import unicodedata
from functools import lru_cache

import pandas as pd
import pycountry

from common.errors import EtlError
from common.paths import REFERENCE_DIR

LANGUAGES = {"en": None, "es": "es", "pt": "pt_BR", "fr": "fr"}


@lru_cache(maxsize=None)
def reference(name: str) -> pd.DataFrame:
    """A reference CSV under data/reference/, all columns as text (EtlError if missing or malformed)."""
    path = REFERENCE_DIR / f"{name}.csv"
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise EtlError(path, "file not found (reference data)") from None
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise EtlError(path, f"malformed reference CSV ({str(exc).strip().splitlines()[-1]})") from None


@lru_cache(maxsize=None)
def scope_codes() -> frozenset[str]:
    """ISO3 codes of the countries the dashboard covers (LAC33 + USA + CAN)."""
    return frozenset(reference("countries")["country_iso3"])


@lru_cache(maxsize=None)
def lac33_codes() -> frozenset[str]:
    df = reference("countries")
    return frozenset(df.loc[df["in_lac33"] == "true", "country_iso3"])


@lru_cache(maxsize=None)
def pseudo_codes() -> frozenset[str]:
    """Codes that look like ISO3 but name no country (UNK unknown, STL stateless...)."""
    return frozenset(reference("pseudo_codes")["code"])


@lru_cache(maxsize=None)
def iso3_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-3 code, plus the user-assigned XKX (Kosovo) that UN data uses."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


def is_country_code(code: str) -> bool:
    return code in iso3_codes() and code not in {"UNK", "STL"}


@lru_cache(maxsize=None)
def iso2_to_iso3() -> dict[str, str]:
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries} | {"XK": "XKX"}


def _fold(text: str) -> str:
    """Lower case, accents removed, punctuation and spacing normalised: for name matching."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    for ch in ".,()'’-":
        text = text.replace(ch, " ")
    text = text.replace(" and ", " & ").replace(" y ", " & ").replace(" e ", " & ")
    return " ".join(text.split())


@lru_cache(maxsize=None)
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    translators = {lang: _translator(lang) for lang in ("es", "pt", "fr")}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        for lang, tr in translators.items():
            for n in list(names):
                if n:
                    names.add(tr(n))
        for n in names:
            if n:
                index.setdefault(_fold(n), c.alpha_3)
                short = n.split(",")[0]
                index.setdefault(_fold(short), c.alpha_3)
    for row in reference("country_aliases").itertuples():
        index[_fold(row.alias)] = row.country_iso3
    return index


def name_to_iso3(name: str) -> str | None:
    """ISO3 for a country name in English, Spanish, Portuguese or French (accents and case ignored)."""
    if not name or not str(name).strip():
        return None
    text = str(name).strip()
    if len(text) == 3 and text.upper() in iso3_codes():
        return text.upper()
    folded = _fold(text)
    hit = _name_index().get(folded)
    if hit:
        return hit
    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        return None


@lru_cache(maxsize=None)
def _translator(lang: str):
    code = LANGUAGES[lang]
    if code is None:
        return lambda s: s
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code]).gettext


def display_name(iso3: str, lang: str = "en") -> str:
    """A short display name: pycountry's name in `lang`, without the ", Plurinational State of" tail."""
    c = pycountry.countries.get(alpha_3=iso3)
    if c is None:
        return iso3
    translated = _translator(lang)(c.name)
    if getattr(c, "common_name", None) or "," in translated:
        translated = translated.split(",")[0].strip()
    return translated


def full_name(iso3: str, lang: str = "en") -> str:
    """pycountry's whole name in `lang` ('Congo, República Democrática del'): tells apart two countries
    whose short names are the same ('Congo', 'Corea')."""
    c = pycountry.countries.get(alpha_3=iso3)
    return iso3 if c is None else _translator(lang)(c.name)


@lru_cache(maxsize=None)
def usual_names(lang: str) -> dict[str, str]:
    """ISO3 -> the Spanish or Portuguese name data/reference/countries.csv gives a dashboard country in its
    usual official form ('Surinam', not pycountry's 'Surinám'); the warehouse's dim_countries uses the same."""
    if lang not in ("es", "pt"):
        return {}
    ref = reference("countries")
    usual = ref[f"name_{lang}"].str.strip()
    return dict(zip(ref.loc[usual != "", "country_iso3"], usual[usual != ""]))
