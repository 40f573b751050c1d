"""A count of people or events is ranked by size on every page, never as better or worse; rates, shares,
scores and tiers keep their direction (gcm.stats.ranking_direction), on the real warehouse."""
from __future__ import annotations

import csv
import re

import duckdb
import pytest

from common.paths import DATA_DIR
from gcm.i18n import t
from gcm.models.compare import compare_model
from gcm.models.objective import indicator_data, indicator_view, storyboard_slide
from gcm.queries.reference import load_indicators
from gcm.stats import ranking_direction, rate_of
from tests.standing_oracle import RANKED_LATEST_SQL, ranked_params

YEARS = (2014, 2025)
# Words that call a place better or worse, in the three languages.
JUDGING = re.compile(r"\b(better|worse|best|worst|first place|ranks first|lower values|higher values|mejor|peor|"
                     r"primer lugar|más bajos|más altos|melhor|pior|primeiro lugar|mais baixos|mais altos)\b",
                     re.IGNORECASE)


def catalogue_csv() -> list[dict[str, str]]:
    with open(DATA_DIR / "reference" / "indicators.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_counts_rank_by_size_and_rates_shares_and_tiers_keep_their_direction(db_env):
    catalogue = load_indicators().set_index("indicator_code")
    direction = {code: ranking_direction(row) for code, row in catalogue.iterrows()}
    for code in ("mmp_dead_missing", "mmp_incidents", "glotip_victims", "glotip_convicted", "unhcr_stateless",
                 "idmc_idps_conflict", "usa_sw_encounters", "mex_deportations", "glotip_offences"):
        assert direction[code] == "neutral", code
    assert catalogue.loc["mmp_dead_missing", "direction"] == "lower_is_better"  # the catalogue keeps its own
    assert direction["mmp_dead_missing_nationals_rate"] == "lower_is_better"
    assert direction["glotip_victims_rate"] == "higher_is_better"
    assert direction["sdg_remittance_cost_to"] == "lower_is_better"  # a share
    assert direction["us_tip_tier"] == "lower_is_better"  # a tier
    assert direction["sdg1072_all_domains"] == "higher_is_better"  # a score


def test_a_count_points_to_the_rate_computed_from_it(db_env):
    catalogue = load_indicators()
    # The pairs as indicators.csv states them, read independently of the warehouse.
    stated = {row["derived_numerator"]: row["indicator_code"] for row in catalogue_csv() if row["derived_numerator"]}
    assert stated["glotip_victims"] == "glotip_victims_rate"
    assert stated["mmp_dead_missing_nationals"] == "mmp_dead_missing_nationals_rate"
    for count in ("glotip_victims", "mmp_dead_missing_nationals", "glotip_convicted", "desa_migrant_stock"):
        assert rate_of(count, catalogue) == stated[count]
    assert rate_of("mmp_dead_missing", catalogue) is None  # deaths by place of incident: no population rate
    assert rate_of("glotip_prosecuted", catalogue) is None


def test_the_objective_page_ranks_dead_and_missing_largest_first_without_a_better_or_worse(db_env):
    con = duckdb.connect(str(db_env), read_only=True)
    recorded = con.execute(RANKED_LATEST_SQL, ranked_params("mmp_dead_missing", *YEARS)).df()
    recorded = recorded.set_index("country_iso3")["value"]
    assert (recorded == 0).sum() >= 3  # countries with none recorded: they must not come first
    for lang in ("en", "es", "pt"):
        view = indicator_view("mmp_dead_missing", YEARS, (), lang, False)
        table = view.table.to_pandas()
        values = [float(v.replace(",", "").replace(".", "")) for v in table[t("obj_col_value", lang)]]
        assert values[0] == recorded.max() and values == sorted(values, reverse=True), lang
        ranks = [int(r.lstrip("=")) for r in table[t("obj_col_rank", lang)]]
        assert ranks[-1] == len(recorded) - (recorded == 0).sum() + 1  # none recorded: the last place, shared
        top = indicator_data("mmp_dead_missing", YEARS, lang).names[recorded.idxmax()]
        said = {"en": "has the largest count, ", "es": "tiene el recuento más alto, ", "pt": "tem a maior contagem, "}
        assert view.ranking_text.startswith(f"{top} {said[lang]}"), (lang, view.ranking_text)
        assert not JUDGING.search(view.ranking_text), (lang, view.ranking_text)
        assert view.ranking_caption.startswith(t("rank_by_size_note", lang)), lang
        assert not JUDGING.search(view.ranking_caption), (lang, view.ranking_caption)


def test_a_rate_keeps_lower_is_better(db_env):
    view = indicator_view("mmp_dead_missing_nationals_rate", YEARS, (), "en", False)
    data = indicator_data("mmp_dead_missing_nationals_rate", YEARS, "en")
    assert data.direction == "lower_is_better" and not data.count
    table = view.table.to_pandas()
    values = [float(v.replace(",", "")) for v in table.loc[table[t("obj_col_rank")] != "–", t("obj_col_value")]]
    assert values == sorted(values)  # lowest first
    # No "first place with 0": none recorded is too few cases to rank (shown to two decimals).
    assert values[0] > 0 and values[0] == pytest.approx(data.latest["value"].min(), abs=0.005)
    assert "first place with 0" not in view.ranking_text
    assert t("rank_by_size_note") not in view.ranking_caption


def test_the_compare_page_says_a_count_is_ranked_by_size(db_env):
    mmp = compare_model("mmp_dead_missing", YEARS, ("MEX", "GTM"), (), "en", False)
    assert mmp.direction == t("rank_by_size_note")
    assert mmp.direction != t("cmp_direction_lower") and not JUDGING.search(mmp.direction)
    recorded = mmp.table.set_index("entity")["rank"]
    assert recorded["MEX"] < recorded["GTM"]  # more recorded, an earlier place, as on the objective page
    victims = compare_model("glotip_victims", YEARS, ("COL", "PER"), (), "es", False)
    rate = load_indicators().set_index("indicator_code").loc["glotip_victims_rate", "name_es"]
    assert victims.direction == t("rank_by_size_note", "es") + " " + t("desc_count_rate", "es", rate=rate)
    assert not JUDGING.search(victims.direction)
    # A rate keeps its note.
    assert compare_model("glotip_victims_rate", YEARS, ("COL",), (), "es", False).direction == t(
        "cmp_direction_higher", "es")


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("code", ["unhcr_stateless", "hnd_irregular_arrivals"])
def test_a_storyboard_comparison_of_a_count_speaks_of_size(db_env, code, lang):
    """Objective 4's storyboard compares stateless persons (lower is better in the catalogue), objective 9's
    irregular arrivals: both counts, their steps never call a place better."""
    slide = storyboard_slide("comparison", code, (), lang, True)
    data = indicator_data(code, None, lang)
    top = data.latest.sort_values("value", ascending=False).iloc[0]
    assert list(slide.figure.data[0].y)[-1] == data.names[top["country_iso3"]]  # the largest is the first bar
    assert slide.text.startswith(data.names[top["country_iso3"]] + " ")
    assert ("recuento más alto" if lang == "es" else "maior contagem") in slide.text
    assert not JUDGING.search(slide.text), slide.text
