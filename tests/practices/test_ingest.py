"""`python -m etl ingest-practices FILE`: CSV (, or ;, UTF-8 or Latin-1), XLSX and JSON form exports."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb
import pandas as pd
import pytest

from common.paths import ROOT
from etl.land import practice_names
from etl.build import build
from common.errors import EtlError
from practices.ingest import ingest
from practices.record import reference_for

COLUMNS = ["title", "summary", "countries", "objectives", "actor", "actor_type", "year_start", "source_url",
           "contact_email", "language", "consent"]
GOOD = [
    ["Programa de regularización migratoria", "Regulariza a personas venezolanas.", "Colombia; Perú", "4;7",
     "Migración Colombia", "Gobierno nacional", "2021", "https://example.org/a", "ana@example.org", "es", "sí"],
    ["Mesa de integración local", "Coordinación municipal para la integración.", "PER", "16",
     "Municipalidad de Lima", "government (subnational)", "2020", "https://example.org/b", "bea@example.org",
     "Español", "yes"],
]
HOSTILE = ["<script>alert(1)</script>", "=HYPERLINK(\"http://evil\",\"x\")", "Narnia", "99", "x", "alien",
           "3020", "javascript:alert(1)", "nope", "fr", "yes"]


def frame(rows=GOOD):
    return pd.DataFrame(rows, columns=COLUMNS)


def write(tmp_path, name, rows=GOOD, **csv_args):
    path = tmp_path / name
    if name.endswith(".xlsx"):
        frame(rows).to_excel(path, index=False)
    elif name.endswith(".json"):
        path.write_text(json.dumps(frame(rows).to_dict("records"), ensure_ascii=False), encoding="utf-8")
    else:
        frame(rows).to_csv(path, index=False, **csv_args)
    return path


@pytest.mark.parametrize("name, args", [
    ("comma-utf8.csv", {"encoding": "utf-8"}),
    ("semicolon-latin1.csv", {"sep": ";", "encoding": "latin-1"}),
    ("bom-crlf.csv", {"encoding": "utf-8-sig", "lineterminator": "\r\n"}),
    ("export.xlsx", {}),
    ("export.json", {}),
])
def test_each_format_gives_submissions_waiting_for_review(tmp_path, store, name, args):
    result = ingest(write(tmp_path, name, **args), store)
    assert result.summary() == "submitted: 2, quarantined: 0, duplicates: 0"
    subs = store.submissions()
    assert {s.state for s in subs} == {"submitted"}  # never published directly
    titles = {s.record["title"] for s in subs}
    assert titles == {"Programa de regularización migratoria", "Mesa de integración local"}  # accents intact
    assert {tuple(s.record["countries"]) for s in subs} == {("COL", "PER"), ("PER",)}


def test_json_object_wrappers_and_lists_are_read(tmp_path, store):
    rows = frame().to_dict("records")
    rows[0]["countries"] = ["COL", "PER"]
    path = tmp_path / "wrapped.json"
    path.write_text(json.dumps({"submissions": rows}, ensure_ascii=False), encoding="utf-8")
    assert ingest(path, store).summary() == "submitted: 2, quarantined: 0, duplicates: 0"


def test_bad_rows_are_quarantined_with_a_reason_per_field_and_contacts_withheld(tmp_path, store):
    result = ingest(write(tmp_path, "bad.csv", GOOD + [HOSTILE]), store)
    assert result.summary() == "submitted: 2, quarantined: 1, duplicates: 0"
    (line, reasons), = result.quarantined
    assert line == 4
    fields = {r.split(":")[0] for r in reasons}
    assert {"Countries", "GCM objectives", "Type of actor", "Start year", "Links to sources",
            "Language of the submission", "Your e-mail"} <= fields
    kept, = store.quarantined()
    assert kept["raw"]["title"] == "<script>alert(1)</script>"  # kept literally
    assert kept["raw"]["contact_email"] == "(withheld)"


def test_running_the_same_file_again_adds_nothing(tmp_path, store):
    path = write(tmp_path, "again.csv", GOOD + [HOSTILE])
    ingest(path, store)
    again = ingest(path, store)
    assert again.summary() == "submitted: 0, quarantined: 1, duplicates: 2"
    assert len(store.submissions()) == 2 and len(store.quarantined()) == 1


def test_a_near_identical_title_of_the_same_country_is_flagged_not_inserted(tmp_path, store):
    twin = list(GOOD[1])
    twin[0], twin[8] = "MESA DE INTEGRACION LOCAL.", "other@example.org"
    elsewhere = list(twin)
    elsewhere[2] = "Chile"
    result = ingest(write(tmp_path, "twins.csv", GOOD + [twin, elsewhere]), store)
    assert result.summary() == "submitted: 3, quarantined: 0, duplicates: 1"
    assert "likely duplicate of" in result.duplicates[0][1]


def known_row():
    row = list(GOOD[0])
    row[0], row[2] = "Estatuto Temporal de Proteccion para Migrantes Venezolanos", "COL"
    return row


def test_a_fact_sheet_practice_is_recognised_by_its_original_name(tmp_path, store):
    """As `python -m etl ingest-practices` does it: the fact sheet read from its snapshot."""
    result = ingest(write(tmp_path, "known.csv", [known_row()]), store, factsheet=practice_names())
    (line, what), = result.duplicates
    assert line == 2 and what.startswith("likely duplicate of P") and not result.submitted
    # Without the fact sheet, only the store is compared with: the same row is a new submission.
    assert ingest(write(tmp_path, "known.csv", [known_row()]), store).summary() == \
        "submitted: 1, quarantined: 0, duplicates: 0"


def test_the_review_page_upload_compares_with_the_warehouse_s_fact_sheet(db_env, tmp_path, store):
    """The app reads the fact sheet from the warehouse, the command from the snapshot: the same practices."""
    from gcm.ingest import ingest as upload
    from gcm.queries.practices import load_factsheet_practices

    warehouse, snapshot = load_factsheet_practices(), practice_names()
    assert len(snapshot) > 50
    in_order = snapshot.assign(countries=snapshot["countries"].map(sorted))  # only who, not in which order
    pd.testing.assert_frame_equal(warehouse.reset_index(drop=True), in_order, check_dtype=False)
    result = upload(write(tmp_path, "known.csv", [known_row()]), store)
    assert [what for _, what in result.duplicates] == \
        [what for _, what in ingest(write(tmp_path, "again.csv", [known_row()]), store,
                                    factsheet=snapshot).duplicates]
    assert result.duplicates and store.submissions() == []


@pytest.mark.parametrize("content, message", [
    ("", "empty"),
    ("title,summary\nx,y\n", "missing column(s): countries"),
    ("title,title," + ",".join(COLUMNS[1:]) + "\n", "repeated column"),
])
def test_an_unusable_file_is_one_clear_error_and_adds_nothing(tmp_path, store, content, message):
    path = tmp_path / "broken.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EtlError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ingest(path, store)
    assert store.submissions() == [] and store.quarantined() == []


def test_short_and_long_rows_are_quarantined(tmp_path, store):
    path = tmp_path / "ragged.csv"
    good = frame().to_csv(index=False).splitlines()
    path.write_text("\n".join([good[0], good[1], "only,three,fields", good[2] + ",extra"]) + "\n", encoding="utf-8")
    result = ingest(path, store)
    assert result.summary() == "submitted: 1, quarantined: 2, duplicates: 0"


def test_the_command_ends_with_the_counts_line(tmp_path, store):
    path = write(tmp_path, "cli.csv", GOOD + [HOSTILE])
    env = dict(os.environ, GCM_SUBMISSIONS=str(store.root))
    run = subprocess.run([sys.executable, "-m", "etl", "ingest-practices", str(path)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "submitted: 2, quarantined: 1, duplicates: 0"
    missing = subprocess.run([sys.executable, "-m", "etl", "ingest-practices", str(tmp_path / "none.csv")],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "file not found" in missing.stderr and "Traceback" not in missing.stderr


def test_the_warehouse_holds_published_submissions_only_and_no_contact_details(tmp_path, store):
    ingest(write(tmp_path, "w.csv", GOOD + [HOSTILE]), store)
    ref = store.submissions()[0].ref
    store.approve(ref, "Ana")
    db = tmp_path / "w.duckdb"
    build(db)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT practice_id, status FROM practices WHERE source_file = 'submissions' "
                       "ORDER BY practice_id").fetchall()
    assert sorted(s for _, s in rows) == ["published"]  # nothing unreviewed (issue 18)
    dump = " ".join(str(r) for t in ("practices", "quarantine")
                    for r in con.execute(f"SELECT * FROM {t}").fetchall())
    assert "ana@example.org" not in dump and "bea@example.org" not in dump
    reasons = con.execute("SELECT reason FROM quarantine WHERE source = 'submissions'").fetchall()
    assert len(reasons) == 1 and "Countries" in reasons[0][0]
    # A new decision changes the inputs, so the next build is not skipped.
    store.decide(store.submissions()[1].ref, "rejected", "Ana", "no")
    assert build(db).built


def test_an_xlsx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, store):
    import zipfile

    path = tmp_path / "bomb.xlsx"
    pd.DataFrame([GOOD[0]], columns=COLUMNS).to_excel(path, index=False)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/padding.xml", b"0" * (80 * 1024 * 1024))  # 80 MB of zeros: ~80 KB packed
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(EtlError, match="zip bomb"):
        ingest(path, store)
    assert store.submissions() == []


def test_a_file_with_too_many_rows_is_refused(tmp_path, store):
    path = tmp_path / "many.csv"
    pd.DataFrame([GOOD[0]] * 5001, columns=COLUMNS).to_csv(path, index=False)
    with pytest.raises(EtlError, match="more than 5000 rows"):
        ingest(path, store)


def test_the_command_writes_a_files_escape_sequences_escaped(tmp_path, store):
    path = tmp_path / "esc.csv"
    path.write_text("title,\x1b]0;owned\x07\x1b[2Jsummary\n", encoding="utf-8")
    env = dict(os.environ, GCM_SUBMISSIONS=str(store.root))
    run = subprocess.run([sys.executable, "-m", "etl", "ingest-practices", str(path)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "missing column" in run.stderr
    assert "\x1b" not in run.stderr + run.stdout and "\x07" not in run.stderr
    assert "\\x1b[2j" in run.stderr  # written as an escape (column names are lower-cased)


def test_a_database_that_cannot_be_written_says_so(tmp_path):
    from practices.store import Store, StoreUnavailable

    Store(tmp_path / "ro")  # created and migrated
    read_only = Store(url=f"sqlite:///file:{tmp_path / 'ro' / 'practices.sqlite3'}?mode=ro&uri=true")
    with pytest.raises(StoreUnavailable):
        read_only.submit(reference_for(), {"title": "x"}, "form")
    with pytest.raises(StoreUnavailable):
        read_only.record_event("submit", ["198.51.100.1"])


def test_a_row_too_large_in_all_is_refused_even_in_columns_without_a_limit(tmp_path, store):
    rows = [GOOD[0] + ["x" * 50_000]]
    path = tmp_path / "wide.json"
    path.write_text(json.dumps([dict(zip(COLUMNS + ["notes"], r)) for r in rows]), encoding="utf-8")
    result = ingest(path, store)
    assert result.submitted == [] and "more than 40000" in result.quarantined[0][1][0]
