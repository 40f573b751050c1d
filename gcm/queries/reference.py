"""Reference data the filters and every page need: countries, groups, objectives, indicators."""
from __future__ import annotations

import pandas as pd

from gcm.queries.core import q


def load_countries() -> pd.DataFrame:
    """The 35 countries with names in en/es/pt, subregion, peer groups and label point."""
    return q(
        """SELECT country_iso3, name_en, name_es, name_pt, subregion_code, subregion_en, subregion_es,
                  subregion_pt, in_lac33, peer_groups, label_lat, label_lon
           FROM dim_countries ORDER BY country_iso3"""
    )


def country_names(lang: str) -> dict[str, str]:
    """ISO3 -> the country's name in `lang`, for the 35 countries."""
    countries = load_countries()
    return dict(zip(countries["country_iso3"], countries[f"name_{lang}"]))


def load_peer_groups() -> pd.DataFrame:
    """Peer groups and subregions as country shortcuts: code, names, kind, members."""
    return q(
        """SELECT group_code, name_en, name_es, name_pt, kind, members FROM dim_peer_groups
           UNION ALL
           SELECT 'sub:' || subregion_code, any_value(subregion_en), any_value(subregion_es),
                  any_value(subregion_pt), 'subregion', list_sort(list(country_iso3))
           FROM dim_countries GROUP BY subregion_code
           ORDER BY kind DESC, group_code"""
    )


def load_objectives() -> pd.DataFrame:
    """The 23 GCM objectives, with how many indicators each has data for."""
    return q(
        """SELECT o.objective_id, o.short_en, o.short_es, o.short_pt, o.imrf_round_table, o.focus, o.headline_indicator,
                  count(DISTINCT v.indicator_code) AS indicators_with_data
           FROM dim_objectives o
           LEFT JOIN dim_indicators i USING (objective_id)
           LEFT JOIN fct_indicator_values v USING (indicator_code)
           GROUP BY ALL ORDER BY o.objective_id"""
    )


def load_indicators() -> pd.DataFrame:
    """Indicators that have data, with catalogue fields and their year span.

    Names, units, definitions, caveats, sources and licences come in en/es/pt (name_xx, unit_xx,
    definition_xx, caveats_xx, source_xx, licence_xx); `definition`, `caveats`, `source` and `licence`
    are the English text, as the source publishes it (downloads keep it). `is_count`: the unit counts
    people or events (gcm.stats.ranking_direction); `derived_numerator`: the count a rate is computed from.
    """
    return q(
        """SELECT i.indicator_code, i.name_en, i.name_es, i.name_pt, i.unit, i.unit_en, i.unit_es, i.unit_pt, i.objective_id, i.kind,
                  i.direction, i.is_count, i.derived_numerator, i.source, i.licence, i.source_url, i.definition,
                  i.caveats,
                  i.definition_en, i.definition_es, i.definition_pt,
                  i.caveats_en, i.caveats_es, i.caveats_pt,
                  i.source AS source_en, coalesce(i.source_es, i.source) AS source_es,
                  coalesce(i.source_pt, i.source) AS source_pt, i.licence AS licence_en,
                  coalesce(i.licence_es, i.licence) AS licence_es, coalesce(i.licence_pt, i.licence) AS licence_pt,
                  min(v.year) AS first_year, max(v.year) AS last_year,
                  count(DISTINCT v.country_iso3) AS countries
           FROM dim_indicators i JOIN fct_indicator_values v USING (indicator_code)
           GROUP BY ALL ORDER BY i.objective_id NULLS LAST, i.indicator_code"""
    )


def load_source_categories() -> pd.DataFrame:
    """Categorical source values and their labels: kind, source_text, label_en, label_es, label_pt."""
    return q("SELECT kind, source_text, label_en, label_es, label_pt FROM dim_source_categories ORDER BY kind, source_text")


def load_indicator_objective_pairs() -> pd.DataFrame:
    """indicator_code, objective_id: each indicator's own objective and the others it also serves."""
    return q(
        """SELECT indicator_code, objective_id FROM dim_indicators WHERE objective_id IS NOT NULL
           UNION
           SELECT indicator_code, objective_id FROM bridge_indicator_objectives
           ORDER BY indicator_code, objective_id"""
    )


def load_year_bounds() -> tuple[int, int]:
    """The first and last year any indicator has, from 1990 on (earlier years are population only)."""
    df = q("SELECT min(year) AS lo, max(year) AS hi FROM fct_indicator_values WHERE year >= 1990")
    return int(df.loc[0, "lo"]), int(df.loc[0, "hi"])


def load_caveats() -> pd.DataFrame:
    """Caveats that hold for some countries or years of an indicator (country NULL: every country;
    year_to NULL: every year from year_from on), in en/es/pt."""
    return q("""SELECT indicator_code, country_iso3, year_from, year_to, caveat_en, caveat_es, caveat_pt
                FROM dim_caveats ORDER BY indicator_code, country_iso3 NULLS LAST, year_from""")


def load_value_flags() -> pd.DataFrame:
    """What each value flag (suppressed, rounded, summed…) means, in en/es/pt."""
    return q("SELECT value_flag, label_en, label_es, label_pt, meaning_en, meaning_es, meaning_pt FROM dim_value_flags")
