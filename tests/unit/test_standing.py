"""The one rule for latest value, rank and regional median (gcm.stats.standing), on small frames."""
from __future__ import annotations

import math

import pandas as pd

from gcm.stats import median_by_year, standing


def frame(rows):
    cols = ["country_iso3", "year", "value", "value_flag", "upper_bound", "months_covered"]
    return pd.DataFrame(rows, columns=cols)


def test_a_partial_year_is_never_the_latest_nor_ranked():
    # Chile's only 2025 figure covers four months: its 2024 full year is its latest.
    got = standing(frame([
        ("VEN", 2024, 210_000.0, None, None, 12),
        ("CHL", 2024, 1_500.0, None, None, 12),
        ("CHL", 2025, 1_997.0, None, None, 4),
        ("COL", 2024, 9_000.0, None, None, 12),
    ])).set_index("country_iso3")
    assert got.loc["CHL", ["year", "value"]].tolist() == [2024, 1_500.0]
    assert got["rank"].to_dict() == {"VEN": 1, "COL": 2, "CHL": 3}
    assert got["median"].iloc[0] == 9_000.0


def test_a_suppressed_latest_stays_latest_unranked_and_out_of_the_median():
    got = standing(frame([
        ("COL", 2021, 12.0, None, None, None),
        ("COL", 2022, None, "suppressed", 5.0, None),  # no older value stands in for it
        ("PER", 2022, 30.0, None, None, None),
        ("ECU", 2022, 20.0, None, None, None),
        ("BOL", 2022, 10.0, None, None, None),
    ]), direction="higher_is_better").set_index("country_iso3")
    assert got.loc["COL", "year"] == 2022 and pd.isna(got.loc["COL", "rank"])
    assert got["ranked"].iloc[0] == 3
    assert got["median"].iloc[0] == 20.0
    assert list(got.index) == ["PER", "ECU", "BOL", "COL"]  # unranked last


def test_ties_share_a_rank_and_lower_is_better_ranks_the_smallest_first():
    got = standing(frame([
        ("A", 2023, 2.0, None, None, None),
        ("B", 2023, 1.0, None, None, None),
        ("C", 2023, 1.0, None, None, None),
        ("D", 2023, 5.0, "rounded", None, None),  # still an exact enough figure: ranked
    ]), direction="lower_is_better").set_index("country_iso3")
    assert got["rank_label"].to_dict() == {"B": "=1", "C": "=1", "A": "3", "D": "4"}
    assert got.loc["D", "ranked"] == 4


def test_a_border_closure_year_is_a_whole_year_and_a_lower_bound_is_not_ranked():
    got = standing(frame([
        ("PAN", 2020, 6_465.0, "border_closed", None, 9),
        ("X", 2020, 90.0, "lower_bound", None, 12),
        ("Y", 2020, 100.0, None, None, 12),
    ])).set_index("country_iso3")
    assert got.loc["PAN", "year"] == 2020 and got.loc["PAN", "rank"] == 1
    assert pd.isna(got.loc["X", "rank"]) and got.loc["X", "value"] == 90.0
    assert math.isnan(got["median"].iloc[0])  # two ranked figures: too few for a median


def test_the_median_line_leaves_out_partial_years():
    values = frame([(c, y, v, None, None, 12 if y < 2025 else 4)
                    for c, v in (("A", 1.0), ("B", 2.0), ("C", 3.0)) for y in (2024, 2025)])
    assert median_by_year(values)["year"].tolist() == [2024]


def test_no_figure_gives_an_empty_standing_with_its_columns():
    got = standing(frame([("A", 2025, 1.0, None, None, 4)]))
    assert got.empty and {"rank", "rank_label", "ranked", "median"} <= set(got.columns)


def test_a_status_is_never_ranked_and_has_no_median():
    from gcm.stats import is_binary, standing

    values = pd.DataFrame({"country_iso3": ["AAA", "BBB", "CCC", "DDD"], "year": [2020] * 4,
                           "value": [1.0, 1.0, 0.0, 1.0], "value_flag": [None] * 4, "months_covered": [None] * 4})
    assert is_binary(values) and not is_binary(values.assign(value=[1.0, 2.0, 0.0, 1.0]))
    shown = standing(values)
    assert shown["rank"].isna().all() and (shown["rank_label"] == "").all()
    assert shown["ranked"].iloc[0] == 0 and pd.isna(shown["median"].iloc[0])
    assert len(shown) == 4   # every country's status is still there, only not ranked


def test_a_rate_on_too_few_cases_stays_latest_but_is_not_ranked_nor_in_the_median():
    # SYNTHETIC rates per 100,000 with the count of cases each rests on (min_events 20).
    values = frame([
        ("A", 2024, 0.0, None, None, None),   # none recorded: below any minimum
        ("B", 2023, 0.9, None, None, None),   # an older year with enough cases does not stand in for 2024
        ("B", 2024, 0.2, None, None, None),
        ("C", 2024, 0.5, None, None, None),
        ("D", 2024, 0.7, None, None, None),
        ("E", 2024, 0.6, None, None, None),
        ("F", 2024, 0.1, None, None, None),   # its count is not published: too few, as in the rating
    ]).assign(events=[0, 40, 3, 20, 25, 19, None], min_events=20)
    got = standing(values, "lower_is_better").set_index("country_iso3")
    assert got.loc["B", ["year", "value"]].tolist() == [2024, 0.2] and pd.isna(got.loc["B", "rank"])
    assert got["rank_label"].to_dict() == {"C": "1", "D": "2", "A": "", "B": "", "E": "", "F": ""}
    assert got["few"].to_dict() == {"C": False, "D": False, "A": True, "B": True, "E": True, "F": True}
    assert got["ranked"].iloc[0] == 2 and math.isnan(got["median"].iloc[0])  # two ranked: too few for a median
    # No minimum, or no counts: every rate ranked as before.
    assert standing(values.assign(min_events=0), "lower_is_better")["rank"].notna().all()
    assert standing(values.drop(columns=["events", "min_events"]), "lower_is_better")["ranked"].iloc[0] == 6
    # The yearly median leaves them out too: 2024's is that of C and D only... with three needed, none.
    assert 2024 not in set(median_by_year(values)["year"])
