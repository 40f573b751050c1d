"""Published practices: by objective and country, with their tags. Only status = 'published' is shown."""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from gcm.queries.core import q


def load_practices(objective_id: int | None = None, countries: Sequence[str] = ()) -> pd.DataFrame:
    """Published practices tagged with an objective (any if None) and involving any of `countries` (any if empty).

    Columns: practice_id, title, original_name, summary, year_start, actors, actor_type, level,
    practice_status, source_urls, verified, primary_objective_id, objectives (list of int),
    countries (list of ISO3), is_primary_for_objective (bool; False when objective_id is None).
    """
    return q(
        """WITH tags AS (
               SELECT practice_id, list_sort(list(objective_id)) AS objectives,
                      bool_or(is_primary AND objective_id = ?) AS is_primary_for_objective,
                      bool_or(objective_id = ?) AS has_objective
               FROM practice_objectives GROUP BY practice_id),
           places AS (
               SELECT practice_id, list_sort(list(DISTINCT country_iso3)) AS countries
               FROM practice_countries GROUP BY practice_id)
           SELECT p.practice_id, p.title, p.original_name, p.summary, p.year_start, p.actors,
                  p.actor_type, p.level, p.practice_status, p.source_urls, p.verified,
                  p.primary_objective_id, tags.objectives, coalesce(places.countries, []) AS countries,
                  coalesce(tags.is_primary_for_objective, false) AS is_primary_for_objective
           FROM practices p
           JOIN tags USING (practice_id)
           LEFT JOIN places USING (practice_id)
           WHERE p.status = 'published'
             AND (? IS NULL OR tags.has_objective)
             AND (len(?) = 0 OR len(list_intersect(coalesce(places.countries, []), ?)) > 0)
           ORDER BY is_primary_for_objective DESC, p.practice_id""",
        (objective_id, objective_id, objective_id, list(countries), list(countries)),
    )


def load_practice(practice_id: str) -> pd.DataFrame:
    """One published practice with every field of the fact sheet (no row if unknown or unpublished)."""
    return q(
        """SELECT practice_id, title, original_name, summary, year_start, actors, actor_type, level,
                  practice_status, source_urls, verified, language, primary_objective_id, objective_rationale
           FROM practices WHERE practice_id = ? AND status = 'published'""",
        (practice_id,),
    )


def load_practice_objectives(practice_id: str) -> pd.DataFrame:
    """The objectives a practice is tagged with, primary first, with the rationale for each tag."""
    return q(
        """SELECT po.objective_id, po.is_primary, po.rationale
           FROM practice_objectives po JOIN practices p USING (practice_id)
           WHERE po.practice_id = ? AND p.status = 'published'
           ORDER BY po.is_primary DESC, po.objective_id""",
        (practice_id,),
    )


def load_practice_countries(practice_id: str) -> pd.DataFrame:
    """The countries involved in a practice and the role of each (implementer, member, partner...)."""
    return q(
        """SELECT pc.country_iso3, pc.role
           FROM practice_countries pc JOIN practices p USING (practice_id)
           WHERE pc.practice_id = ? AND p.status = 'published'
           ORDER BY pc.role, pc.country_iso3""",
        (practice_id,),
    )
