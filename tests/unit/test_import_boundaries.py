"""Package boundaries run one way: common <- etl, common <- app (gcm, pages, dashboard.py).

The app never imports the ETL and the ETL never imports the app. The practice submissions code still
lives in gcm/ and etl/ingest_practices.py until it gets a package of its own: the arrows it needs are
listed here one by one, so a new arrow across the boundary fails this test.
"""
from __future__ import annotations

import ast

from common.paths import ROOT

# The practices subsystem, still split between gcm/ and etl/ (to become one package).
PRACTICES_ARROWS = {
    ("etl/build.py", "gcm.practice_store"),
    ("etl/stage.py", "gcm.practice_store"),
    ("etl/__main__.py", "gcm.practice_store"),
    ("etl/ingest_practices.py", "gcm.practice_record"),
    ("etl/ingest_practices.py", "gcm.practice_store"),
    ("pages/review.py", "etl.ingest_practices"),
}


def imports(path) -> set[str]:
    """Every module a file imports (absolute imports), at any depth of the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def package_files(*names: str):
    for name in names:
        target = ROOT / name
        yield from ([target] if target.suffix == ".py" else sorted(target.rglob("*.py")))


def crossings(files, forbidden: tuple[str, ...]) -> set[tuple[str, str]]:
    out = set()
    for path in files:
        for module in imports(path):
            if module.split(".")[0] in forbidden:
                out.add((str(path.relative_to(ROOT)), module))
    return out


def test_common_imports_nothing_of_the_project():
    assert crossings(package_files("common"), ("etl", "gcm", "pages", "dashboard", "bench", "tests")) == set()


def test_the_etl_never_imports_the_app():
    assert crossings(package_files("etl"), ("gcm", "pages", "dashboard")) <= PRACTICES_ARROWS


def test_the_app_never_imports_the_etl():
    app = package_files("gcm", "pages", "dashboard.py")
    assert crossings(app, ("etl",)) <= PRACTICES_ARROWS


def test_the_boundary_test_sees_an_arrow_when_there_is_one(tmp_path):
    bad = tmp_path / "page.py"
    bad.write_text("def f():\n    from etl.build import build\n")
    assert imports(bad) == {"etl.build"}
