"""Figures recomputed by hand from the raw snapshot files equal the warehouse's.

Each check reads a raw file with DuckDB alone (not through the ETL), sums it as a reviewer would,
and compares with the warehouse built from the same snapshots. Rows the ETL quarantines are added
back from the quarantine table, so a total is unchanged by what was set aside, and every set-aside
row says why.
"""
from __future__ import annotations

import duckdb
import pytest

from common.paths import snapshots_dir

BIF = snapshots_dir() / "border-irregular-flows"
MMP = snapshots_dir() / "missing-migrants"


@pytest.fixture(scope="module")
def con(built_db):
    c = duckdb.connect(str(built_db), read_only=True)
    yield c
    c.close()


def _raw(path) -> str:
    return f"read_csv('{path}', all_varchar = true, header = true)"


@pytest.mark.parametrize("file, flow, total", [
    ("gdidata_irreg_mexico_nat.csv", "mex_irregular_events", "mex_irregular_events_total"),
    ("gdidata_irreg_honduras_nat.csv", "hnd_irregular_arrivals", "hnd_irregular_arrivals_total"),
])
def test_all_nationalities_totals_equal_the_source_for_every_month_and_year(con, file, flow, total):
    source = dict(con.execute(f"SELECT CAST(t AS DATE), sum(CAST(n AS DOUBLE)) FROM {_raw(BIF / file)} GROUP BY 1").fetchall())
    ours = dict(con.execute("SELECT period_start, sum(value) FROM fct_flows WHERE flow_code = ? GROUP BY 1", [flow]).fetchall())
    assert len(source) > 80
    assert {m: v for m, v in ours.items() if v != source.get(m)} == {}
    assert set(ours) == set(source)
    yearly = dict(con.execute(f"SELECT year(CAST(t AS DATE)), sum(CAST(n AS DOUBLE)) FROM {_raw(BIF / file)} GROUP BY 1").fetchall())
    got = dict(con.execute("SELECT year, value FROM fct_indicator_values WHERE indicator_code = ?", [total]).fetchall())
    # (Honduras' total comes from its file of totals, which starts in 2014; it agrees from 2018)
    assert {y: got.get(y) for y in yearly} == yearly
    # nothing of these files is quarantined or dropped as a duplicate
    stats = con.execute("SELECT rows_read, rows_loaded FROM etl_file_stats WHERE source_file = ?", [file]).fetchall()
    assert stats[0][0] == stats[0][1]


def test_two_names_given_one_code_are_summed_and_flagged(con):
    # Mexico, May 2019: two rows with code GIN (8 and 1) in the source
    row = con.execute("SELECT value, value_flag FROM fct_flows WHERE flow_code = 'mex_irregular_events' "
                      "AND nationality_code = 'GIN' AND period_start = DATE '2019-05-01'").fetchall()
    assert row == [(9.0, "summed")]
    meaning = con.execute("SELECT meaning_es FROM dim_value_flags WHERE value_flag = 'summed'").fetchall()[0][0]
    assert "mismo código" in meaning


def test_guatemalan_returns_from_all_origins_count_the_blank_origin_rows(con):
    source = dict(con.execute(f"SELECT year(CAST(t AS DATE)), sum(CAST(n AS DOUBLE)) FROM {_raw(BIF / 'gdidata_irreg_guatemala.csv')} "
                              "GROUP BY 1").fetchall())
    got = dict(con.execute("SELECT year, value FROM fct_indicator_values WHERE indicator_code = 'gtm_returnees_total'").fetchall())
    assert got == source
    assert got[2024] > 70_000  # about 62,000 of them with the origin left blank
    usa_years = [r[0] for r in con.execute("SELECT year FROM fct_indicator_values "
                                           "WHERE indicator_code = 'gtm_returnees_from_usa' ORDER BY year").fetchall()]
    assert usa_years[-1] == 2023
    caveat = con.execute("SELECT caveats_en, caveats_pt FROM dim_indicators WHERE indicator_code = 'gtm_returnees_from_usa'").fetchall()[0]
    assert "stops in 2023" in caveat[0] and "2024" in caveat[1]


def test_dead_and_missing_count_every_incident_record(con):
    # The file has no incident ID: identical rows are separate incidents and all count.
    source = dict(con.execute(
        f"SELECT geo || '|' || year(CAST(t AS DATE)), sum(CAST(dead AS DOUBLE)) FROM {_raw(MMP / 'gdidata_iom_mmp_americas.csv')} "
        "WHERE geo IN ('PAN', 'MEX', 'USA', 'COL') GROUP BY 1").fetchall())
    quarantined = dict(con.execute(
        "SELECT json_extract_string(raw_values, '$.geo') || '|' || left(json_extract_string(raw_values, '$.t'), 4), "
        "sum(TRY_CAST(json_extract_string(raw_values, '$.dead') AS DOUBLE)) FROM quarantine "
        "WHERE source_file = 'gdidata_iom_mmp_americas.csv' GROUP BY 1").fetchall())
    got = dict(con.execute("SELECT country_iso3 || '|' || year, value FROM fct_indicator_values "
                           "WHERE indicator_code = 'mmp_dead_missing' AND country_iso3 IN ('PAN', 'MEX', 'USA', 'COL')").fetchall())
    assert {k: v for k, v in source.items() if got.get(k, 0) + (quarantined.get(k) or 0) != v} == {}
    assert con.execute("SELECT rows_duplicate FROM etl_file_stats WHERE source_file = 'gdidata_iom_mmp_americas.csv'"
                       ).fetchall() == [(0,)]
    # a file with no record key: Panama 2022's two identical records are two incidents, and both count
    assert got["PAN|2022"] == source["PAN|2022"]


def test_every_quarantined_row_says_why(con):
    assert con.execute("SELECT count(*) FROM quarantine WHERE reason IS NULL OR trim(reason) = ''").fetchall() == [(0,)]


def test_every_flag_and_caveat_is_explained_in_three_languages(con):
    flags = {r[0] for r in con.execute("SELECT DISTINCT value_flag FROM fct_indicator_values WHERE value_flag IS NOT NULL").fetchall()}
    assert {"suppressed", "rounded", "border_closed"} <= flags
    explained = con.execute("SELECT value_flag, label_es, meaning_en, meaning_es, meaning_pt FROM dim_value_flags").fetchall()
    assert flags <= {r[0] for r in explained}
    assert all(all(text.strip() for text in r[1:]) for r in explained)
    # Colombia's displaced people hosted: the Venezuelan undercount is beside the figure, per country
    col = con.execute("SELECT caveat_en, caveat_es, caveat_pt FROM dim_caveats WHERE indicator_code = 'unhcr_displaced_hosted' "
                      "AND country_iso3 = 'COL' AND year_from <= 2023 AND coalesce(year_to, 9999) >= 2023").fetchall()
    assert len(col) == 1 and "Venezuelans" in col[0][0] and "venezolanos" in col[0][1]
    # Darién 2020: a year of border closure, not a partial publication
    pan = con.execute("SELECT value_flag, months_covered FROM fct_indicator_values "
                      "WHERE indicator_code = 'darien_transits_total' AND country_iso3 = 'PAN' AND year = 2020").fetchall()
    assert pan == [("border_closed", 9)]


def test_unhcr_small_counts_are_flagged_rounded_never_exact(con):
    # Every count from 1 to 4 is published as 5: a value made only of such counts is flagged.
    rows = con.execute("SELECT value, value_flag FROM fct_indicator_values WHERE indicator_code = 'unhcr_refugees_hosted' "
                       "AND value = 5").fetchall()
    assert rows and {flag for _, flag in rows} == {"rounded"}


def test_every_indicator_carries_a_caveat_in_three_languages(con):
    blank = con.execute("SELECT indicator_code FROM dim_indicators WHERE coalesce(trim(caveats_en), '') = '' "
                        "OR coalesce(trim(caveats_es), '') = '' OR coalesce(trim(caveats_pt), '') = ''").fetchall()
    assert blank == []
