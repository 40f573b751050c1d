"""Queries about the warehouse itself: builds, sources, row accounting, quarantine, catalogue."""
from __future__ import annotations

import pandas as pd

from gcm.queries.core import q as _q


def load_last_run() -> pd.DataFrame:
    """The build that produced the live warehouse."""
    return _q(
        """SELECT started_at, duration_s, origin, schema_version, inputs_digest
           FROM etl_runs WHERE is_current ORDER BY started_at DESC LIMIT 1"""
    )



def load_headline_counts() -> dict[str, int]:
    """How much the warehouse holds, in a few numbers."""
    df = _q(
        """SELECT
             (SELECT count(*) FROM dim_indicators) AS indicators,
             (SELECT count(DISTINCT country_iso3) FROM fct_indicator_values) AS countries,
             (SELECT count(*) FROM fct_indicator_values) AS "values",
             (SELECT min(year) FROM fct_indicator_values) AS first_year,
             (SELECT max(year) FROM fct_indicator_values) AS last_year,
             (SELECT count(*) FROM fct_incidents) AS incidents,
             (SELECT count(*) FROM practices WHERE status = 'published') AS practices,
             (SELECT count(*) FROM quarantine) AS quarantined"""
    )
    return {k: (int(v) if pd.notna(v) else 0) for k, v in df.iloc[0].items()}


def load_sources() -> pd.DataFrame:
    """Each source folder with its publishers, licences, indicators, years and row accounting."""
    return _q(
        """WITH ind AS (
               SELECT i.source_folder,
                      string_agg(DISTINCT i.source, '; ' ORDER BY i.source) AS publishers,
                      string_agg(DISTINCT i.licence, '; ' ORDER BY i.licence) AS licences,
                      count(DISTINCT v.indicator_code) AS indicators,
                      min(v.year) AS first_year, max(v.year) AS last_year
               FROM dim_indicators i LEFT JOIN fct_indicator_values v USING (indicator_code)
               WHERE i.derived_numerator IS NULL
               GROUP BY ALL),
           acc AS (
               SELECT source, count(*) AS files, sum(rows_read) AS rows_read, sum(rows_loaded) AS rows_loaded,
                      sum(rows_quarantined) AS rows_quarantined, sum(rows_duplicate) AS rows_duplicate,
                      sum(rows_out_of_scope) AS rows_out_of_scope
               FROM etl_file_stats GROUP BY source)
           SELECT s.source_folder AS folder, coalesce(ind.publishers, s.title) AS publishers,
                  s.licence AS licences, coalesce(ind.indicators, 0) AS indicators,
                  ind.first_year, ind.last_year, acc.files, acc.rows_read, acc.rows_loaded,
                  acc.rows_quarantined, acc.rows_duplicate, acc.rows_out_of_scope
           FROM dim_sources s
           LEFT JOIN acc ON acc.source = s.source_folder
           LEFT JOIN ind ON ind.source_folder = s.source_folder
           ORDER BY folder"""
    )


def load_file_stats() -> pd.DataFrame:
    """Row accounting per input file."""
    return _q(
        """SELECT source, source_file, rows_read, rows_loaded, rows_quarantined, rows_duplicate, rows_out_of_scope
           FROM etl_file_stats ORDER BY source, source_file"""
    )


def load_quarantine_by_reason() -> pd.DataFrame:
    """Quarantined rows counted by source and reason."""
    return _q(
        """SELECT source, reason, count(*) AS "rows"
           FROM quarantine GROUP BY ALL ORDER BY "rows" DESC, source, reason"""
    )


def load_out_of_scope_by_reason() -> pd.DataFrame:
    """Rows counted as outside the dashboard's scope (sound data about other countries), by source and reason."""
    return _q(
        """SELECT source, r.key AS reason, sum(CAST(r.value AS BIGINT)) AS "rows"
           FROM etl_file_stats, json_each(out_of_scope_reasons) AS r
           GROUP BY ALL ORDER BY "rows" DESC, source, reason"""
    )


def load_quarantine_sample(source: str, reason: str, limit: int = 20) -> pd.DataFrame:
    """A few quarantined rows of one source and reason, with their raw values."""
    return _q(
        """SELECT source_file, line, record_key, raw_values
           FROM quarantine WHERE source = ? AND reason = ?
           ORDER BY source_file, line LIMIT ?""",
        (source, reason, int(limit)),
    )


def load_indicator_catalogue() -> pd.DataFrame:
    """Every indicator with its objective, kind, direction (and whether it is a count), coverage, source,
    licence, definition and caveats (en/es/pt)."""
    return _q(
        """SELECT i.objective_id, i.indicator_code, i.name_en, i.name_es, i.name_pt,
                  i.unit_en, i.unit_es, i.unit_pt, i.kind, i.direction, i.is_count,
                  count(DISTINCT v.country_iso3) AS countries,
                  min(v.year) AS first_year, max(v.year) AS last_year,
                  count(v.year) AS "values", i.source, i.licence,
                  i.definition_en, i.definition_es, i.definition_pt,
                  i.caveats_en, i.caveats_es, i.caveats_pt,
                  i.source AS source_en, coalesce(i.source_es, i.source) AS source_es,
                  coalesce(i.source_pt, i.source) AS source_pt, i.licence AS licence_en,
                  coalesce(i.licence_es, i.licence) AS licence_es, coalesce(i.licence_pt, i.licence) AS licence_pt
           FROM dim_indicators i LEFT JOIN fct_indicator_values v USING (indicator_code)
           GROUP BY ALL
           ORDER BY i.objective_id NULLS LAST, i.indicator_code"""
    )
