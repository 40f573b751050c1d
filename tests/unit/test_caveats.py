"""Which caveat goes under a figure (gcm.caveats.caveat_for), on small frames."""
from __future__ import annotations

import pandas as pd

from gcm.caveats import caveat_for

CAVEATS = pd.DataFrame({
    "indicator_code": ["hosted", "hosted", "darien"],
    "country_iso3": ["COL", None, None],
    "year_from": [2018, 2000, 2020],
    "year_to": [None, None, 2020],
    "caveat_en": ["Colombia undercount", "every country", "border closed in 2020"],
    "caveat_es": ["subestimación en Colombia", "todos los países", "frontera cerrada en 2020"],
    "caveat_pt": ["subcontagem na Colômbia", "todos os países", "fronteira fechada em 2020"],
})
FLAGS = pd.DataFrame({"value_flag": ["rounded"], "meaning_en": ["rounded by UNHCR"], "meaning_es": ["redondeado"],
                      "meaning_pt": ["arredondado"]})


def test_the_countrys_own_caveat_comes_first_then_every_countrys_then_the_flag_then_the_indicators():
    assert caveat_for("hosted", "COL", 2023, None, "es", CAVEATS, FLAGS) == "subestimación en Colombia"
    assert caveat_for("hosted", "PER", 2023, "rounded", "en", CAVEATS, FLAGS) == "every country"
    assert caveat_for("other", "PER", 2023, "rounded", "pt", CAVEATS, FLAGS, "geral") == "arredondado"
    assert caveat_for("other", "PER", 2023, None, "pt", CAVEATS, FLAGS, "geral") == "geral"


def test_a_caveat_holds_only_in_its_years():
    assert caveat_for("darien", "PAN", 2020, None, "en", CAVEATS, FLAGS) == "border closed in 2020"
    assert caveat_for("darien", "PAN", 2021, None, "en", CAVEATS, FLAGS, "") == ""
    assert caveat_for("hosted", "COL", 2017, None, "en", CAVEATS, FLAGS) == "every country"


def test_a_presenter_sees_the_first_sentence_of_a_caveat_never_cut_inside_it():
    from gcm.caveats import first_sentence

    text = "Counts of detected victims, not prevalence: more detection can mean better work. 2021 is partial."
    assert first_sentence(text) == "Counts of detected victims, not prevalence: more detection can mean better work."
    # The clause after a ';' is often the qualifier: cut there, this caveat would say the opposite.
    assert first_sentence("Only where UNHCR is engaged; not a national total.") == \
        "Only where UNHCR is engaged; not a national total."
    # Abbreviations end no sentence; a sentence may end before a number.
    assert first_sentence("Situación en EE. UU. y en otros países. Otra.") == "Situación en EE. UU. y en otros países."
    assert first_sentence("Survey years differ (e.g. Mexico 2020). 24 countries have one.") == \
        "Survey years differ (e.g. Mexico 2020)."
    # A long first sentence is shown whole, as the UNHCR caveat whose end gives the scale of the undercount.
    long = ("Undercounts Venezuelan displacement: this extract has no row for Venezuelans in Colombia, and the R4V "
            "platform reported about 7.7 million Venezuelan refugees and migrants in 2023, far more than here. "
            "2024 is mid-year.")
    assert first_sentence(long) == long.removesuffix(" 2024 is mid-year.")
