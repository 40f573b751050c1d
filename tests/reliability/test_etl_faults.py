"""Every adapter on a corpus of bad files: quarantined rows with reasons or one clear error, no row lost."""
from __future__ import annotations

from functools import lru_cache

import pytest

from common.errors import EtlError
from tests.etl.harness import Ledger
from tests.reliability.corpus import CSV_MUTATIONS, Source, bad_copy, cases, sources

CASES = cases()
# Files with no record key: identical rows are separate records (two incidents; two source names
# given one nationality code), so a repeated row counts and is neither a duplicate nor a conflict.
KEYLESS = {("missing-migrants", "gdidata_iom_mmp_americas.csv"),
           ("missing-migrants", "kaggle_global_missing_migrants_americas.csv"),
           ("border-irregular-flows", "gdidata_irreg_mexico_nat.csv"),
           ("border-irregular-flows", "gdidata_irreg_honduras_nat.csv")}


@lru_cache(maxsize=None)
def baseline(source: Source) -> dict[str, int]:
    """Rows each valid fixture file loads (a duplicated file must not load more)."""
    ledger = Ledger()
    source.module.run(source.folder, ledger)
    return {file: st.loaded for (_, file), st in ledger.files.items()}


def run_adapter(source: Source, folder) -> tuple[Ledger, dict | EtlError]:
    """Run the adapter; an EtlError is an answer, any other exception fails the case."""
    ledger = Ledger()
    try:
        return ledger, source.module.run(folder, ledger)
    except EtlError as exc:
        return ledger, exc
    except Exception as exc:  # noqa: BLE001 - the point of the suite: report, never crash
        pytest.fail(f"{source.id}: {type(exc).__name__} instead of EtlError: {exc}")


@pytest.mark.reliability("etl_faults")
@pytest.mark.parametrize("source, mutation", CASES, ids=[f"{s.id}-{m}" for s, m in CASES])
def test_bad_files_are_quarantined_or_refused_never_lost(tmp_path, tally, source, mutation):
    folder, bad = bad_copy(source, tmp_path, mutation)
    tally.faults(len(bad))
    ledger, result = run_adapter(source, folder)

    if isinstance(result, EtlError):
        culprit = next((f for f in bad if f in str(result)), None)
        assert culprit, f"the error names none of the files: {result}"
        assert bad[culprit].expect in ("error", "either"), f"{culprit} {mutation}: a valid file was refused: {result}"
        assert "\n" not in str(result) and len(result.message) > 5, str(result)
        return
    assert all(b.expect != "error" for b in bad.values()), f"{mutation}: no error for files that cannot be read"

    # Every input row of every file is accounted for, and every quarantined row says why.
    for st in ledger.files.values():
        tally.rows(st.read, st.loaded, st.quarantined_total, st.duplicates, st.out_of_scope_total)
    assert not ledger.unbalanced(), [vars(s) for s in ledger.unbalanced()]
    quarantine = ledger.quarantine_frame()
    assert quarantine["reason"].astype(str).str.strip().ne("").all()
    for file, b in bad.items():
        stats = ledger.files.get((source.id, file))
        assert stats is not None, f"{file}: the adapter did not count the file it read"
        if b.rows is not None:
            # Rows the reader never saw would balance the ledger and still be lost: count them independently.
            missed = b.rows - stats.read
            tally.lost(missed)
            assert missed == 0, f"{file} {mutation}: {b.rows} data rows in the file, {stats.read} read"
        keyless = (source.id, file) in KEYLESS
        if mutation == "exact_duplicates" and not keyless:
            assert stats.duplicates >= b.rows // 2, file
        if mutation == "exact_duplicates" and keyless:
            assert stats.duplicates == 0 and stats.loaded >= 2 * baseline(source)[file], f"{file}: a repeated record was lost"
        if mutation in ("exact_duplicates", "conflicting_duplicates") and not keyless:
            assert stats.loaded <= baseline(source)[file], f"{file}: a duplicated row was loaded twice"
        if mutation in ("wrong_types", "unknown_countries", "impossible_years"):
            assert stats.loaded <= baseline(source)[file], file
        if mutation == "very_long_line" and b.rows:
            assert stats.quarantined.get("a cell longer than 10,000 characters", 0) + stats.duplicates >= 1, file


def test_the_corpus_covers_every_adapter_and_the_issues_fault_list():
    from etl.land import sql_sources

    # every source checked by SQL models, the map polygons and the practices fact sheet among them
    assert len(sources()) == len(sql_sources()) == 16
    for fault in ["cp1252", "utf8_bom", "crlf", "semicolons", "truncated_mid_line", "empty", "header_only",
                  "first_column_missing", "extra_column", "wrong_types", "unknown_countries", "exact_duplicates",
                  "conflicting_duplicates", "impossible_years", "very_long_line"]:
        assert fault in CSV_MUTATIONS, fault
