"""UN DESA migrant stock adapter on hand-written fixtures: bilateral 2024 file and 2020 table 4."""
import json
import shutil

import pytest

from tests.etl.harness import sql_source
from common.errors import EtlError

desa = sql_source("undesa-migrant-stock")

BILATERAL = "gdidata_undesa_stocks_2024_lac.csv"
TABLE4 = "table4_lac.csv"


def _values(out):
    return out["values"].set_index(["country_iso3", "indicator_code", "year"])["value"]


def _reasons(ledger, file):
    q = ledger.quarantine_frame()
    q = q[q["source_file"] == file]
    return {(json.loads(r)["geo"] if file == BILATERAL else json.loads(r)["Location code"], line): reason
            for r, line, reason in zip(q["raw_values"], q["line"], q["reason"])}


def test_stocks_sum_origins_and_both_sexes(fixtures, ledger):
    values = _values(desa.run(fixtures / "undesa-migrant-stock", ledger))
    # 100 + 80 (GTM) + 300 + 310 (USA, "male " padded) + 7 (OOO, other origins) + 40 (HND, male only;
    # the duplicate HND row counts once)
    assert values[("MEX", "desa_migrant_stock", 2020)] == 837
    # GTM nationals abroad: in MEX, ESP and the Channel Islands (XCX, a UN code with no ISO3)
    assert values[("GTM", "desa_emigrant_stock", 2020)] == 1133
    assert values[("MEX", "desa_emigrant_stock", 2020)] == 1000
    assert values[("USA", "desa_migrant_stock", 2020)] == 1000
    assert values[("CAN", "desa_migrant_stock", 2020)] == 50
    # the file covers every destination only for LAC33 origins: no partial USA emigrant stock
    assert not values.index.isin([("USA", "desa_emigrant_stock", 2020)]).any()
    # 2024: only the clean SLV row; the conflicting GTM female rows load neither
    assert values[("MEX", "desa_migrant_stock", 2024)] == 60
    assert ("GTM", "desa_emigrant_stock", 2024) not in values.index
    # pseudo-codes are never a country
    assert not values.index.get_level_values(0).isin(["OOO", "XCX", "ESP", "ABW"]).any()


def test_sex_breakdown_has_no_invented_zeros(fixtures, ledger):
    b = desa.run(fixtures / "undesa-migrant-stock", ledger)["breakdowns"]
    mex = b[(b["country_iso3"] == "MEX") & (b["indicator_code"] == "desa_migrant_stock")]
    by_sex = mex.set_index(["year", "sex"])["value"]
    assert by_sex[(2020, "female")] == 407
    assert by_sex[(2020, "male")] == 430
    assert set(mex["dimension"]) == {"sex"}
    # 2024 has only a female row: no male zero is made up
    assert (2024, "male") not in by_sex.index


def test_bilateral_bad_rows_are_quarantined_with_reasons(fixtures, ledger):
    desa.run(fixtures / "undesa-migrant-stock", ledger)
    st = ledger.stats(desa.SOURCE, BILATERAL)
    assert (st.read, st.loaded, st.duplicates) == (22, 12, 1)
    assert st.quarantined == {
        "conflicting duplicate: same key with different values": 2,
        "non-numeric value": 1,
        "negative count": 1,
        "missing value": 1,
        "impossible or non-numeric year": 1,
        "unknown country code": 1,
        "unknown sex category (expected female or male)": 1,
    }
    # Sound rows about countries the dashboard does not cover are counted, not copied.
    assert st.out_of_scope == {"destination outside the dashboard's scope and origin not a LAC33 country": 1}
    assert st.balanced
    reasons = _reasons(ledger, BILATERAL)
    assert reasons[("MEX", 22)] == "unknown country code"
    assert ("ABW", 14) not in reasons


def test_table4_female_share_by_location_code(fixtures, ledger):
    values = _values(desa.run(fixtures / "undesa-migrant-stock", ledger))
    assert values[("ATG", "desa_female_migrants_pct", 1990)] == pytest.approx(51.99102169756422)
    # "United States of America*" (footnote mark) is matched by its M49 code 840
    assert values[("USA", "desa_female_migrants_pct", 2020)] == pytest.approx(51.65391091267335)
    # `..` is a missing cell, not a bad row: Belize loads its other two years
    assert values[("BLZ", "desa_female_migrants_pct", 2020)] == pytest.approx(49.69617845687668)
    assert ("BLZ", "desa_female_migrants_pct", 2000) not in values.index
    assert values[("MEX", "desa_female_migrants_pct", 2000)] == pytest.approx(49.65235637513916)
    for gone in ("PER", "CAN", "CHL", "GUY", "PRI"):
        assert gone not in values.xs("desa_female_migrants_pct", level=1).index


def test_table4_accounts_for_aggregates_and_bad_rows(fixtures, ledger):
    desa.run(fixtures / "undesa-migrant-stock", ledger)
    st = ledger.stats(desa.SOURCE, TABLE4)
    assert (st.read, st.loaded, st.duplicates) == (16, 4, 1)
    assert st.quarantined == {
        "region aggregate, not a country": 4,  # WORLD twice, 1830 and 904
        "no value in any year": 1,
        "non-numeric value": 1,
        "percentage outside 0-100": 1,
        "conflicting duplicate: same key with different values": 2,
        "missing or non-numeric location code": 1,
    }
    assert st.out_of_scope == {"country outside the dashboard's scope": 1}
    assert st.balanced
    reasons = _reasons(ledger, TABLE4)
    assert reasons[("900", 17)] == "region aggregate, not a country"
    assert ("630", 8) not in reasons
    assert reasons[("124", 10)] == "non-numeric value"


def test_table4_native_two_row_header(fixtures, ledger, tmp_path):
    shutil.copy(fixtures / "undesa-migrant-stock" / BILATERAL, tmp_path / BILATERAL)
    (tmp_path / TABLE4).write_text(
        ",,,,,Female migrants as a percentage of the international migrant stock,,\n"
        ",\"Region, development group, country or area\",Notes,Location code,Type of data,1990,2000,2020\n"
        "1,WORLD,,900,,49.3,49.36,48.09\n"
        "199,   Antigua and Barbuda,,28,B R,51.99,55.29,55.35\n"
        "227,   Belize,,84,B R ,46.08,..,49.70\n",
        encoding="utf-8",
    )
    values = _values(desa.run(tmp_path, ledger))
    assert values[("ATG", "desa_female_migrants_pct", 2000)] == 55.29
    assert values[("BLZ", "desa_female_migrants_pct", 2020)] == 49.70
    st = ledger.stats(desa.SOURCE, TABLE4)
    assert (st.read, st.loaded, dict(st.quarantined)) == (3, 2, {"region aggregate, not a country": 1})


def test_missing_required_columns_raise(fixtures, ledger, tmp_path):
    shutil.copy(fixtures / "undesa-migrant-stock" / TABLE4, tmp_path / TABLE4)
    (tmp_path / BILATERAL).write_text("geo,t,from,sex\nMEX,2020,GTM,female\n", encoding="utf-8")
    with pytest.raises(EtlError, match="'n'"):
        desa.run(tmp_path, ledger)
    shutil.copy(fixtures / "undesa-migrant-stock" / BILATERAL, tmp_path / BILATERAL)
    (tmp_path / TABLE4).write_text(
        "Index,Country,Female migrants as a percentage of the international migrant stock | 1990\n1,Chile,50\n",
        encoding="utf-8",
    )
    with pytest.raises(EtlError, match="'Location code'"):
        desa.run(tmp_path, ledger)
