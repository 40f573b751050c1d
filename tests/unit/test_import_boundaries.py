"""Package boundaries run one way: common <- practices <- etl, and common, practices <- app.

`common` (paths, country codes, errors, text and file decoding, the i18n catalogue) imports nothing
of the project; `practices` (submissions: record, store, review access, ingest) imports `common`
only; the ETL and the app (gcm, pages, dashboard.py) import both, and never each other.
"""
from __future__ import annotations

import ast

from common.paths import ROOT

PROJECT = ("common", "practices", "etl", "gcm", "pages", "dashboard", "bench", "tests")
APP = ("gcm", "pages", "dashboard")


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
    assert crossings(package_files("common"), tuple(p for p in PROJECT if p != "common")) == set()


def test_practices_import_only_common():
    assert crossings(package_files("practices"), tuple(p for p in PROJECT if p not in ("common", "practices"))) == set()


def test_the_etl_never_imports_the_app():
    assert crossings(package_files("etl"), APP + ("bench", "tests")) == set()


def test_the_app_never_imports_the_etl():
    assert crossings(package_files("gcm", "pages", "dashboard.py", "serve.py"), ("etl", "bench", "tests")) == set()


# The only arrows between packages (so the graph has no cycle): the app is gcm, pages and dashboard.py.
ALLOWED = {("practices", "common"), ("etl", "common"), ("etl", "practices"), ("app", "common"), ("app", "practices")}
UNITS = {"common": ("common",), "practices": ("practices",), "etl": ("etl",), "app": ("gcm", "pages", "dashboard.py", "serve.py")}
UNIT_OF = {"common": "common", "practices": "practices", "etl": "etl", "gcm": "app", "pages": "app", "dashboard": "app"}


def test_every_arrow_between_packages_is_an_allowed_one():
    arrows = {(unit, UNIT_OF[module.split(".")[0]])
              for unit, names in UNITS.items() for path in package_files(*names) for module in imports(path)
              if UNIT_OF.get(module.split(".")[0], unit) != unit}
    assert arrows <= ALLOWED
    assert ("app", "practices") in arrows and ("etl", "practices") in arrows  # the test sees real arrows


def test_the_boundary_test_sees_an_arrow_when_there_is_one(tmp_path):
    bad = tmp_path / "page.py"
    bad.write_text("def f():\n    from etl.build import build\n")
    assert imports(bad) == {"etl.build"}
