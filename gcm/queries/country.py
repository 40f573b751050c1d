"""Queries for the country profile that no other page needs: the country's practices and its role in each."""
from __future__ import annotations

import pandas as pd

from gcm.queries.core import q


def load_country_practices(country_iso3: str) -> pd.DataFrame:
    """Published practices involving a country: id, title, start year, status, objectives (list) and the country's roles."""
    return q(
        """WITH roles AS (
               SELECT practice_id, list_sort(list(DISTINCT role)) AS roles
               FROM practice_countries WHERE country_iso3 = ? GROUP BY practice_id),
           tags AS (
               SELECT practice_id, list_sort(list(objective_id)) AS objectives
               FROM practice_objectives GROUP BY practice_id)
           SELECT p.practice_id, p.title, p.year_start, p.level, p.practice_status, p.primary_objective_id,
                  tags.objectives, roles.roles
           FROM practices p JOIN roles USING (practice_id) JOIN tags USING (practice_id)
           WHERE p.status = 'published'
           ORDER BY p.practice_id""",
        (country_iso3,),
    )
