"""Ratification status of 18 core UN human-rights treaties and protocols, as of mid-2022.

One file per treaty (`hr_status_<treaty>_lac.csv`, extrapolated from the UN Treaty Collection
by world-politics-datalab). Every valid row goes to the `treaties` table; for four treaties
that matter to migration governance a yearly 0/1 series 1990-2022 goes to `values`.
The series assumes no withdrawal between ratification and 2022 unless a note says the
treaty was denounced (the source has no other record of withdrawals).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from etl.countries import iso2_to_iso3, scope_codes
from etl.ledger import OUTSIDE_COUNTRY, Ledger
from etl.readers import parse_years, quarantine_conflicts, read_source
from etl.schema import conform

SOURCE = "un-treaty-ratification"
TITLE = "UN human-rights treaties ratification status (UN Treaty Collection, via world-politics-datalab)"
LICENCE = "No licence stated; status extrapolated from the UN Treaty Collection"
TREATY_CODES = [
    "cat",
    "cedaw",
    "cped",
    "crc",
    "crpd",
    "iccpr",
    "iccpr_op1",
    "iccpr_op2",
    "icerd",
    "icescr",
    "icescr_op",
    "icmw",
    "op_cedaw",
    "op_crc_ac",
    "op_crc_ic",
    "op_crc_sc",
    "op_crpd",
    "opcat",
]
FILES = [f"hr_status_{code}_lac.csv" for code in TREATY_CODES]

# Treaties published as a yearly 0/1 "state party" series (unit: 1 = party, 0 = not).
SERIES = {
    "icmw": "treaty_icmw_party",
    "op_crc_sc": "treaty_op_crc_sc_party",
    "cped": "treaty_cped_party",
    "opcat": "treaty_opcat_party",
}
SERIES_YEARS = range(1990, 2023)
STATUS_YEAR = 2022  # the source was compiled in August 2022
FIRST_YEAR = 1945  # no UN treaty before the UN

COL_PARTY = "state party"
COL_YEAR = "year ratification or accession"
COL_SIGNATORY = "signatory"
COL_NO_ACTION = "no action"
COL_STATUS = "status"
COL_NOTE = "note"  # absent from the op_crc_ic file
REQUIRED = ["iso2", COL_PARTY, COL_YEAR, COL_SIGNATORY, COL_NO_ACTION, COL_STATUS]
# Which flag must be the only 1 for each status text.
STATUS_FLAG = {"state party": COL_PARTY, "signatory state": COL_SIGNATORY, "no action": COL_NO_ACTION}


def treaty_code(file: str) -> str:
    """The `<treaty>` part of `hr_status_<treaty>_lac.csv`."""
    return file.removeprefix("hr_status_").removesuffix("_lac.csv")


def _first_reason(rules: list[tuple[pd.Series, str]], index: pd.Index) -> pd.Series:
    """Per row, the reason of the first rule whose mask is True (None when no rule matches)."""
    picked = pd.Series(
        np.select([m.to_numpy(dtype=bool) for m, _ in rules], [r for _, r in rules], default=""),
        index=index,
        dtype=object,
    )
    return picked.where(picked != "", None)


def _read_one(folder: Path, file: str, ledger: Ledger) -> pd.DataFrame:
    """Validate one treaty file; quarantine bad rows and return the `treaties` rows."""
    raw = read_source(folder / file, REQUIRED, ledger, SOURCE)
    note = raw[COL_NOTE] if COL_NOTE in raw.columns else pd.Series("", index=raw.index)

    # Names are title case ("St. Kitts And Nevis"): match on the ISO2 code only.
    iso3 = raw["iso2"].str.upper().map(iso2_to_iso3())
    flags = raw[[COL_PARTY, COL_SIGNATORY, COL_NO_ACTION]]
    flags_ok = flags.isin(["0", "1"]).all(axis=1)
    party = raw[COL_PARTY] == "1"
    status = raw[COL_STATUS].str.lower()
    year_text = raw[COL_YEAR]
    year = parse_years(year_text, FIRST_YEAR, STATUS_YEAR)
    # A note such as "Denounced the OP 1997" explains a party flag left next to a "no action" one.
    denounced = note.str.contains("denounc", case=False) & party & year.notna()
    expected_flag = status.map(STATUS_FLAG)
    only_one = (flags == "1").sum(axis=1) == 1
    flag_matches = pd.Series(False, index=raw.index)
    for text, col in STATUS_FLAG.items():
        flag_matches |= (status == text) & (raw[col] == "1")
    consistent = (only_one & flag_matches & expected_flag.notna()) | denounced

    rules = [
        (iso3.isna(), "unknown ISO2 country code"),
        (~iso3.isin(scope_codes()), OUTSIDE_COUNTRY),
        (~flags_ok, "status flag not 0 or 1"),
        (~consistent, "inconsistent status flags"),
        (party & (year_text == ""), "state party without ratification year"),
        ((year_text != "") & year.isna(), "impossible ratification year"),
        (~party & (year_text != ""), "ratification year for a non-party"),
    ]
    reason = _first_reason(rules, raw.index)
    bad = reason.notna()
    ledger.quarantine(SOURCE, file, raw.loc[bad], reason[bad], key_columns=["iso2"], outside_scope=[OUTSIDE_COUNTRY])

    good = raw.loc[~bad].assign(_iso3=iso3[~bad])
    good = quarantine_conflicts(good, ["_iso3"], ledger, SOURCE, file)
    ledger.loaded(SOURCE, file, len(good))
    idx = good.index
    gone = denounced.loc[idx]
    denounced_year = parse_years(note.loc[idx].str.extract(r"(\d{4})", expand=False), FIRST_YEAR, STATUS_YEAR)
    return pd.DataFrame(
        {
            "country_iso3": good["_iso3"],
            "treaty_code": treaty_code(file),
            # A denounced treaty binds the country no more: it is not a state party in 2022.
            "status": status.loc[idx].where(~gone, "denounced"),
            "state_party": party.loc[idx] & ~gone,
            "signatory": good[COL_SIGNATORY] == "1",
            "ratification_year": year.loc[idx],
            "status_year": STATUS_YEAR,
            "note": note.loc[idx].where(note.loc[idx] != "", None),
            "source_file": file,
            "_ratified": party.loc[idx],
            "_denounced_year": denounced_year.where(gone),
        },
        index=idx,
    )


def _series(treaties: pd.DataFrame) -> pd.DataFrame:
    """Yearly 0/1 party series for the treaties in SERIES, one row per country and year."""
    rows = treaties.loc[treaties["treaty_code"].isin(SERIES.keys())]
    # A denounced treaty whose note gives no year cannot be dated: no series rather than a guess.
    undatable = (rows["status"] == "denounced") & rows["_denounced_year"].isna()
    rows = rows.loc[~undatable]
    years = pd.DataFrame({"year": list(SERIES_YEARS)})
    grid = rows.merge(years, how="cross")
    ratified = grid["_ratified"] & (grid["year"] >= grid["ratification_year"]).fillna(False)
    still_bound = (grid["year"] < grid["_denounced_year"]).fillna(True)
    return pd.DataFrame(
        {
            "country_iso3": grid["country_iso3"],
            "indicator_code": grid["treaty_code"].map(SERIES),
            "year": grid["year"],
            "value": (ratified & still_bound).astype("float64"),
            "value_flag": None,
            "upper_bound": None,
            "months_covered": None,
            "source_file": grid["source_file"],
        }
    )


def run(folder: Path, ledger: Ledger) -> dict[str, pd.DataFrame]:
    """One `treaties` row per country and treaty; yearly party series for four treaties."""
    treaties = pd.concat([_read_one(folder, file, ledger) for file in FILES], ignore_index=True)
    return {"treaties": conform("treaties", treaties), "values": conform("values", _series(treaties))}
