"""Checks a new warehouse must pass before it replaces the live one.

Each check is a query counting the rows that break a rule; any non-zero count fails the build,
so the last good warehouse stays in place.
"""
from __future__ import annotations

import duckdb

REQUIRED_NON_EMPTY = [
    "dim_countries",
    "dim_objectives",
    "dim_indicators",
    "fct_indicator_values",
    "fct_incidents",
    "geo_shapes",
    "practices",
]

CHECKS: list[tuple[str, str]] = [
    (
        "fct_indicator_values has one row per country, indicator and year",
        """SELECT count(*) FROM (SELECT country_iso3, indicator_code, year FROM fct_indicator_values
           GROUP BY ALL HAVING count(*) > 1)""",
    ),
    (
        "every value's country is in dim_countries",
        """SELECT count(*) FROM fct_indicator_values v
           WHERE NOT EXISTS (SELECT 1 FROM dim_countries c WHERE c.country_iso3 = v.country_iso3)""",
    ),
    (
        "every value's indicator is in dim_indicators",
        """SELECT count(*) FROM fct_indicator_values v
           WHERE NOT EXISTS (SELECT 1 FROM dim_indicators i WHERE i.indicator_code = v.indicator_code)""",
    ),
    (
        "every value has a source and a licence",
        """SELECT count(*) FROM fct_indicator_values
           WHERE coalesce(source, '') = '' OR coalesce(licence, '') = ''""",
    ),
    (
        "a value is missing only when it is suppressed (censored)",
        """SELECT count(*) FROM fct_indicator_values
           WHERE (value IS NULL OR isnan(value)) AND coalesce(value_flag, '') <> 'suppressed'""",
    ),
    (
        "every suppressed value has an upper bound",
        """SELECT count(*) FROM fct_indicator_values
           WHERE value_flag = 'suppressed' AND upper_bound IS NULL""",
    ),
    (
        "years are plausible",
        """SELECT count(*) FROM fct_indicator_values WHERE year < 1900 OR year > year(current_date) + 1""",
    ),
    (
        "months covered is between 1 and 12",
        """SELECT count(*) FROM fct_indicator_values WHERE months_covered NOT BETWEEN 1 AND 12""",
    ),
    (
        "every indicator's objective is in dim_objectives",
        """SELECT count(*) FROM dim_indicators i WHERE i.objective_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM dim_objectives o WHERE o.objective_id = i.objective_id)""",
    ),
    (
        "every objective's headline indicator is in the catalogue",
        """SELECT count(*) FROM dim_objectives WHERE headline_indicator IS NOT NULL
           AND headline_indicator NOT IN (SELECT indicator_code FROM dim_indicators)""",
    ),
    (
        "every indicator's unit is translated",
        """SELECT count(*) FROM dim_indicators WHERE coalesce(unit_es, '') = '' OR coalesce(unit_pt, '') = ''""",
    ),
    (
        "every indicator's definition and caveats are translated (es, pt) where English has them",
        """SELECT count(*) FROM dim_indicators
           WHERE (coalesce(definition_en, '') <> ''
                  AND (coalesce(definition_es, '') = '' OR coalesce(definition_pt, '') = ''))
              OR (coalesce(caveats_en, '') <> ''
                  AND (coalesce(caveats_es, '') = '' OR coalesce(caveats_pt, '') = ''))""",
    ),
    (
        "every indicator names its source and licence",
        """SELECT count(*) FROM dim_indicators WHERE coalesce(source, '') = '' OR coalesce(licence, '') = ''""",
    ),
    (
        "every indicator's source folder is in dim_sources",
        """SELECT count(*) FROM dim_indicators i
           WHERE i.source_folder NOT IN (SELECT source_folder FROM dim_sources)""",
    ),
    (
        "every loaded file's source is in dim_sources with a licence",
        """SELECT count(*) FROM etl_file_stats f
           WHERE NOT EXISTS (SELECT 1 FROM dim_sources s WHERE s.source_folder = f.source
                             AND coalesce(s.licence, '') <> '')""",
    ),
    (
        "breakdowns refer to known countries and indicators",
        """SELECT count(*) FROM fct_indicator_breakdowns b
           WHERE b.country_iso3 NOT IN (SELECT country_iso3 FROM dim_countries)
              OR b.indicator_code NOT IN (SELECT indicator_code FROM dim_indicators)""",
    ),
    (
        "incident ids are unique",
        """SELECT count(*) - count(DISTINCT incident_id) FROM fct_incidents""",
    ),
    (
        "incident coordinates are on the globe",
        """SELECT count(*) FROM fct_incidents
           WHERE NOT (latitude BETWEEN -90 AND 90) OR NOT (longitude BETWEEN -180 AND 180)""",
    ),
    (
        "practice ids are unique",
        """SELECT count(*) - count(DISTINCT practice_id) FROM practices""",
    ),
    (
        "practice objectives are GCM objectives",
        """SELECT count(*) FROM practice_objectives
           WHERE objective_id NOT IN (SELECT objective_id FROM dim_objectives)""",
    ),
    (
        "every input row is accounted for (read = loaded + quarantined + duplicates + outside the scope)",
        """SELECT count(*) FROM etl_file_stats
           WHERE rows_read <> rows_loaded + rows_quarantined + rows_duplicate + rows_out_of_scope""",
    ),
]


# Worth saying in the summary, but not a reason to keep an older warehouse.
WARNINGS: list[tuple[str, str]] = [
    (
        "LAC33 countries without a map shape",
        """SELECT count(*) FROM dim_countries c WHERE c.in_lac33
           AND NOT EXISTS (SELECT 1 FROM geo_shapes s WHERE s.country_iso3 = c.country_iso3)""",
    ),
    (
        "catalogue indicators with no value",
        """SELECT count(*) FROM dim_indicators i
           WHERE NOT EXISTS (SELECT 1 FROM fct_indicator_values v WHERE v.indicator_code = i.indicator_code)""",
    ),
]


def warnings(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Messages for the soft checks that found something."""
    out = []
    for name, sql in WARNINGS:
        n = con.execute(sql).fetchall()[0][0]
        if n:
            out.append(f"{name}: {n}")
    return out


def validate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return a message per failed check (empty when the warehouse is sound)."""
    failures = []
    for table in REQUIRED_NON_EMPTY:
        n = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]  # noqa: S608 (fixed names)
        if n == 0:
            failures.append(f"{table} is empty")
    for name, sql in CHECKS:
        n = con.execute(sql).fetchall()[0][0]
        if n:
            failures.append(f"{name}: {n} row(s) break it")
    return failures
