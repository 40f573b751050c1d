"""Missing Migrants adapter on hand-written fixtures of both MMP versions and their quirks."""
import json
import math

import pandas as pd
import pytest

from common.countries import scope_codes
from etl.land import land_reference
from tests.etl.harness import sql_source
from common.errors import EtlError
from tests.etl.harness import Ledger

missing_migrants = sql_source("missing-migrants")

GDI = "gdidata_iom_mmp_americas.csv"
KAGGLE = "kaggle_global_missing_migrants_americas.csv"
# How the Python adapter read a Kaggle `Coordinates` text, with Python's re (Unicode \d and \s).
COORDINATES_PATTERN = r"^\s*(?P<lat>[-+]?\d+(?:\.\d+)?)\s*,\s*(?P<lon>[-+]?\d+(?:\.\d+)?)\s*$"


@pytest.fixture
def out(fixtures, ledger):
    return missing_migrants.run(fixtures / "missing-migrants", ledger)


def _value(values, code, iso3, year):
    rows = values[
        (values["indicator_code"] == code) & (values["country_iso3"] == iso3) & (values["year"] == year)
    ]
    assert len(rows) == 1, (code, iso3, year, len(rows))
    return rows.iloc[0]


def test_dead_and_missing_by_country_of_incident_and_year(out):
    v = out["values"]
    # two identical records are two incidents (the file has no ID to tell them apart): both count
    assert _value(v, "mmp_dead_missing", "USA", 2023)["value"] == 2
    assert _value(v, "mmp_dead_missing", "MEX", 2023)["value"] == 5  # 3 + 2
    assert _value(v, "mmp_dead_missing", "PAN", 2024)["value"] == 5
    assert _value(v, "mmp_dead_missing", "HND", 2023)["value"] == 2
    # the record with a dropped minus sign on the longitude still counts for the USA
    assert _value(v, "mmp_dead_missing", "USA", 2024)["value"] == 1
    assert _value(v, "mmp_incidents", "MEX", 2023)["value"] == 2
    assert _value(v, "mmp_incidents", "USA", 2025)["value"] == 1


def test_running_record_has_zero_rows_and_partial_last_year(out):
    v = out["values"]
    # every scope country, every covered year (2023-2025), three indicators
    assert len(v) == len(scope_codes()) * 3 * 3
    assert not v.duplicated(["country_iso3", "indicator_code", "year"]).any()
    assert set(v["country_iso3"]) == set(scope_codes())
    arg = _value(v, "mmp_dead_missing", "ARG", 2024)
    assert arg["value"] == 0 and arg["months_covered"] == 12
    # the file ends on 2025-04-27: 2025 covers January-April only
    assert set(v.loc[v["year"] == 2025, "months_covered"]) == {4}
    assert set(v.loc[v["year"] < 2025, "months_covered"]) == {12}
    assert v["value"].notna().all() and v["value_flag"].isna().all()


def test_nationals_only_for_a_single_in_scope_nationality(out):
    v = out["values"]
    code = "mmp_dead_missing_nationals"
    assert _value(v, code, "GTM", 2023)["value"] == 2  # the two identical records
    assert _value(v, code, "MEX", 2023)["value"] == 2  # "HND,MEX" (3 dead) is not attributed
    assert _value(v, code, "HND", 2023)["value"] == 0  # neither "HND,MEX" nor "SLV,GTM,MEX,UNK"
    assert _value(v, code, "MEX", 2025)["value"] == 1
    # nationality counts even when the place is at sea (blank geo) or a territory (PRI)
    assert _value(v, code, "CUB", 2024)["value"] == 4
    assert _value(v, code, "DOM", 2024)["value"] == 2


def test_incidents_keep_unattributed_places_and_all_nationalities(out):
    inc = out["incidents"].set_index("source_line")
    assert len(inc) == 10
    assert inc.loc[[2, 3], "dead_and_missing"].tolist() == [1, 1]  # identical records, both kept
    assert inc.loc[4, "nationalities"] == "HND;MEX"
    assert inc.loc[19, "nationalities"] == "SLV;GTM;MEX;UNK"
    assert inc.loc[6, "nationalities"] == "UNK"
    # blank geo (at sea) and PRI (not a dashboard country): kept, no country
    assert pd.isna(inc.loc[8, "country_iso3"]) and pd.isna(inc.loc[9, "country_iso3"])
    assert inc.loc[8, "dead_and_missing"] == 4 and inc.loc[8, "survivors"] == 6
    assert math.isnan(inc.loc[2, "survivors"])  # blank survivors is unknown, not 0
    assert (inc.loc[7, "year"], inc.loc[7, "month"]) == (2025, 4)
    assert inc.loc[2, "latitude"] == pytest.approx(31.650259)
    # longitude 115.03 (Arizona drawn in China): record kept, point not drawn
    assert pd.isna(inc.loc[17, "latitude"]) and pd.isna(inc.loc[17, "longitude"])
    assert inc.loc[17, "country_iso3"] == "USA"


def test_incident_ids_are_stable_and_unique(fixtures, out):
    again = missing_migrants.run(fixtures / "missing-migrants", Ledger())
    assert out["incidents"]["incident_id"].tolist() == again["incidents"]["incident_id"].tolist()
    assert out["incidents"]["incident_id"].is_unique
    assert out["incidents"]["incident_id"].str.fullmatch(r"[0-9a-f]{12}(-\d+)?").all()


def test_gdi_rows_accounted_with_reasons(out, ledger):
    st = ledger.stats("missing-migrants", GDI)
    assert (st.read, st.loaded, st.duplicates) == (18, 10, 0)
    assert st.quarantined == {
        "missing or non-ISO date": 1,
        "impossible date (before 2014 or in the future)": 1,
        "negative count": 1,
        "non-numeric count": 1,
        "coordinates out of range": 1,
        "unknown country code": 1,
        "unknown nationality code": 1,
        "missing dead and missing count": 1,
    }
    assert st.balanced
    q = ledger.quarantine_frame()
    narnia = q[(q["source_file"] == GDI) & (q["reason"] == "unknown country code")].iloc[0]
    assert narnia["line"] == 15
    assert json.loads(narnia["raw_values"])["geo"] == "XYZ"


def test_kaggle_regional_totals(out):
    reg = out["mmp_regional"].set_index(["year", "region_of_incident"])
    assert len(reg) == 2 * 4  # 2022-2023 x the four Americas regions
    na = reg.loc[(2022, "North America")]
    # two identical records are two incidents; "Mexico,Unknown" origin does not matter here
    assert na["incidents"] == 3
    assert (na["dead"], na["missing"], na["dead_and_missing"]) == (4, 1, 5)
    assert (na["survivors"], na["females"], na["males"], na["children"]) == (4, 1, 4, 1)
    carib = reg.loc[(2022, "Caribbean")]
    # blank "Number of Dead" with missing == total means no confirmed dead
    assert (carib["incidents"], carib["dead"], carib["missing"], carib["dead_and_missing"]) == (1, 0, 5, 5)
    # blank coordinates do not stop a row from counting
    assert reg.loc[(2023, "South America"), "dead"] == 3
    assert reg.loc[(2022, "Central America"), "incidents"] == 0  # only bad rows there


def test_kaggle_rows_accounted_with_reasons(out, ledger):
    st = ledger.stats("missing-migrants", KAGGLE)
    assert (st.read, st.loaded, st.duplicates) == (12, 5, 0)
    assert st.quarantined == {
        "unparseable coordinates": 1,
        "coordinates out of range": 1,
        "negative count": 1,
        "non-numeric count": 1,
        "impossible or non-numeric year": 1,
        "region of incident outside the Americas": 1,
        "dead + missing differ from the total": 1,
    }
    assert st.balanced
    q = ledger.quarantine_frame()
    neg = q[(q["source_file"] == KAGGLE) & (q["reason"] == "negative count")].iloc[0]
    # the BOM does not leak into the first column name
    assert json.loads(neg["raw_values"])["Incident Type"] == "Cumulative Incident"
    assert neg["line"] == 9


def test_missing_required_column_raises(tmp_path, fixtures, ledger):
    src = fixtures / "missing-migrants"
    (tmp_path / KAGGLE).write_bytes((src / KAGGLE).read_bytes())
    text = (src / GDI).read_text().replace(",dead,", ",deaths,", 1)
    (tmp_path / GDI).write_text(text)
    with pytest.raises(EtlError, match="'dead'"):
        missing_migrants.run(tmp_path, ledger)


def test_kaggle_file_without_the_month_of_its_record_key_raises(tmp_path, fixtures, ledger):
    """The month is part of a quarantined row's record key: without it the file is refused in one line."""
    src = fixtures / "missing-migrants"
    (tmp_path / GDI).write_bytes((src / GDI).read_bytes())
    text = (src / KAGGLE).read_text(encoding="utf-8-sig").replace("Reported Month", "Month", 1)
    (tmp_path / KAGGLE).write_text(text)
    with pytest.raises(EtlError, match="'Reported Month'"):
        missing_migrants.run(tmp_path, ledger)


def test_missing_file_raises(tmp_path, fixtures, ledger):
    (tmp_path / GDI).write_bytes((fixtures / "missing-migrants" / GDI).read_bytes())
    with pytest.raises(EtlError, match="file not found"):
        missing_migrants.run(tmp_path, ledger)


def _coordinates(tmp_path, texts: list[str]) -> pd.DataFrame:
    """coord_lat, coord_lon and coord_blank as the Kaggle staging model reads each of `texts` as a
    `Coordinates` cell (landed as given, so no reader strips or splits them)."""
    from etl.models import Staged, run_models

    raw = next(f for f in missing_migrants.files if f.file == KAGGLE)
    frame = pd.DataFrame({c: [""] * len(texts) for c in raw.required})
    frame["Coordinates"] = pd.Series(texts, dtype=object)
    frame["_line"] = range(2, len(texts) + 2)
    model = "int_missing_migrants__kaggle_global_missing_migrants_americas"  # staging's columns, every row
    with Staged() as staged:
        staged.con.register("frame", frame)
        staged.con.execute(f'CREATE TABLE "{raw.table}" AS SELECT * FROM frame')
        staged.con.unregister("frame")
        land_reference(staged.con)
        run_models(tmp_path / "w.duckdb", staged, command="run", select=[model], keep_work=True)
        staged.con.execute(f"ATTACH '{tmp_path / 'w.duckdb'}' AS w (READ_ONLY)")
        return staged.con.sql(f"SELECT coord_lat, coord_lon, coord_blank FROM w.build.{model} ORDER BY _line").df()


def test_kaggle_coordinates_read_as_pythons_re_reads_them(tmp_path):
    # DuckDB's RE2 reads ASCII \d and \s; the model must still read every text as Python's re (Unicode \d and \s) does.
    texts = ["18.5, -67.1", " +18.5 ,-67 ", "", "abc", "18.5; -67.1", "1,2,3", "١٨, -67", "18\x0b, -67",
             "18\x1c, -67", "18,\u00a0-67", "18.5, -67.", "1e5, 2"]
    got = _coordinates(tmp_path, texts)
    expected = pd.Series(texts, dtype="str").str.extract(COORDINATES_PATTERN).astype("float64")
    pd.testing.assert_series_equal(got["coord_lat"], expected["lat"], check_names=False)
    pd.testing.assert_series_equal(got["coord_lon"], expected["lon"], check_names=False)
    assert got["coord_lat"].notna().tolist() == [True, True, False, False, False, False, True, True, True, True,
                                                 False, False]
    assert got["coord_blank"].tolist() == [t == "" for t in texts]


def test_rows_whose_values_join_alike_get_numbered_ids(tmp_path, fixtures, ledger):
    # The id digests the values joined by \x1f: two rows can join alike only if a value holds one.
    src = fixtures / "missing-migrants"
    (tmp_path / KAGGLE).write_bytes((src / KAGGLE).read_bytes())
    header = (src / GDI).read_text().splitlines()[0]
    rows = ["2023-01-07,2023-01-01,Inc\x1fident,Route,USA,1.0,Drowning,,GTM,Loc,-110.1,31.1",
            "2023-01-07,2023-01-01,Inc,ident\x1fRoute,USA,1.0,Drowning,,GTM,Loc,-110.1,31.1"]
    (tmp_path / GDI).write_text("\n".join([header, *rows]) + "\n")
    ids = missing_migrants.run(tmp_path, ledger)["incidents"]["incident_id"].tolist()
    assert ids == [ids[0], ids[0] + "-1"]
