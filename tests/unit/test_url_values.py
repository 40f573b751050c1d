"""How a link's own page parameters are read (gcm.filters.url_values): one rule for every page."""
from __future__ import annotations

from gcm.filters import url_values


def test_lists_are_comma_separated_stripped_deduplicated_and_bounded():
    assert url_values(["A, B,,A", " C "]) == ["A", "B", "C"]
    assert url_values(["x," * 500], limit=50) == ["x"]
    assert len(url_values([",".join(f"c{i}" for i in range(500))], limit=50)) == 50


def test_a_single_value_is_the_last_given_and_keeps_its_commas():
    assert url_values(["P01", " P02 "], multiple=False) == ["P02"]
    assert url_values(["trata, Colombia"], multiple=False) == ["trata, Colombia"]
    assert url_values([], multiple=False) == [] and url_values(["  "], multiple=False) == []
