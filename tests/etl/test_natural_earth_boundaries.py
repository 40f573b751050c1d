"""Natural Earth boundaries (etl/shapes.py and its SQL models) on a tiny hand-written FeatureCollection
(ISO_A3 -99, territory, islet, broken features)."""
import json

import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from tests.etl.harness import sql_source
from common.errors import EtlError

FILE = "ne_50m_admin_0_countries_americas.geojson"
ne = sql_source("natural-earth-boundaries")


@pytest.fixture
def shapes(fixtures, ledger):
    return ne.run(fixtures / "natural-earth-boundaries", ledger)["shapes"].set_index("shape_code")


def _coords(geometry_text):
    geom = json.loads(geometry_text)
    return shapely.get_coordinates(shape(geom))


def test_shapes_join_on_adm0_a3_and_territories_have_no_country(shapes):
    assert sorted(shapes.index) == ["BRB", "FRA", "GRD", "PRI"]
    # ISO_A3 is -99 for France: the code comes from ADM0_A3
    assert shapes.loc["FRA", "name"] == "France"
    # France and Puerto Rico are drawn as land but are not dashboard countries
    assert pd.isna(shapes.loc["FRA", "country_iso3"]) and pd.isna(shapes.loc["PRI", "country_iso3"])
    assert shapes.loc["BRB", "country_iso3"] == "BRB"
    assert shapes.loc["PRI", "subregion"] == "Caribbean"
    assert (shapes["source_file"] == FILE).all()


def test_geometries_are_simplified_rounded_and_valid(shapes):
    for text in shapes["geometry"]:
        geom = shape(json.loads(text))
        assert geom.is_valid and not geom.is_empty
    brb = _coords(shapes.loc["BRB", "geometry"])
    # the 65-point circle is thinned out, and coordinates have at most 3 decimals
    assert len(brb) < 40
    assert (abs(brb * 1000 - (brb * 1000).round()) < 1e-6).all()
    assert shape(json.loads(shapes.loc["BRB", "geometry"])).area == pytest.approx(0.0314, rel=0.1)


def test_islet_smaller_than_the_grid_keeps_a_shape(shapes):
    grd = shape(json.loads(shapes.loc["GRD", "geometry"]))
    assert grd.geom_type == "Polygon" and grd.is_valid and grd.area > 0
    # on the 3-decimal grid all its corners fall on one point: it is kept at 4 decimals
    assert grd.bounds == pytest.approx((-61.6803, 12.1201, -61.6797, 12.1205))


def test_broken_features_are_quarantined_and_file_balances(shapes, ledger):
    st = ledger.stats("natural-earth-boundaries", FILE)
    assert (st.read, st.loaded, st.duplicates) == (7, 4, 0)
    assert st.quarantined == {
        "invalid geometry (self-intersecting or unclosed rings)": 1,
        "missing geometry": 1,
        "missing ADM0_A3": 1,
    }
    assert st.balanced
    q = ledger.quarantine_frame().set_index("line")
    assert q.loc[5, "reason"].startswith("invalid geometry")
    assert json.loads(q.loc[5, "raw_values"])["ADM0_A3"] == "DMA"
    assert json.loads(q.loc[7, "raw_values"])["NAME"] == "Nowhere Is."


def test_malformed_json_raises_naming_the_file(tmp_path, fixtures, ledger):
    text = (fixtures / "natural-earth-boundaries" / FILE).read_text()
    (tmp_path / FILE).write_text(text[:-40])  # truncated download
    with pytest.raises(EtlError, match=FILE) as err:
        ne.run(tmp_path, ledger)
    assert "malformed GeoJSON" in str(err.value)


def test_missing_file_raises(tmp_path, ledger):
    with pytest.raises(EtlError, match="file not found"):
        ne.run(tmp_path, ledger)
